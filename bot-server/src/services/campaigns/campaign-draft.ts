import type { CampaignDraft } from "../../../../shared/schemas/campaign.js";
import type { CampaignRow } from "../../repositories/campaigns.js";

/** What campaigns.content holds (validated by the draft schema when the campaign was written). */
export interface CampaignContent {
  text: string;
  imageUrl: string | null;
  buttons: CampaignDraft["buttons"];
}

export const contentOf = (json: string) => JSON.parse(json) as CampaignContent;

export function draftOf(row: CampaignRow): CampaignDraft {
  const content = contentOf(row.content);
  return {
    title: row.title,
    text: content.text,
    ...(content.imageUrl ? { imageUrl: content.imageUrl } : {}),
    buttons: content.buttons,
    areaCode: row.area_code,
    communes: JSON.parse(row.communes) as string[],
    topics: JSON.parse(row.topics) as string[],
    allowPaid: row.allow_paid === 1,
    budgetVnd: row.budget_vnd,
    usePromotion: row.use_promotion === 1,
  };
}
