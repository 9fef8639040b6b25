import type { CampaignDraft } from "../../../../shared/schemas/campaign.js";
import type { CampaignRow } from "../../repositories/campaigns.js";

/** A stored campaign as the draft it was written from. */
export function draftOf(row: CampaignRow): CampaignDraft {
  return {
    title: row.title,
    text: row.content.text,
    ...(row.content.imageUrl ? { imageUrl: row.content.imageUrl } : {}),
    buttons: row.content.buttons,
    areaCode: row.area_code,
    communes: row.communes,
    topics: row.topics,
    allowPaid: row.allow_paid,
    budgetVnd: row.budget_vnd,
    usePromotion: row.use_promotion,
  };
}
