import { isProvinceWide } from "../../../../shared/lib/campaign-rules.js";
import type { CampaignList, CampaignListItem, CampaignListQuery } from "../../../../shared/schemas/campaign.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import type { Repositories } from "../../repositories/index.js";
import { visibleAreaCodes, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";

export const CAMPAIGN_PAGE = 20;

export interface ListCampaignsDeps {
  repos: Repositories;
  areas: Areas;
}

function areaNameOf(areas: Areas, code: string): string {
  return (code.length === 2 ? areas.province(code)?.name : areas.commune(code)?.fullName) ?? code;
}

/**
 * The campaigns an official may see, newest first, a page at a time: the operator's are all of them, a province
 * official's those of the province and its communes, a commune official's those of the commune. With
 * awaitingMyApproval, only the ones waiting for a second official that this actor may approve (the same rule as
 * approveCampaign: of their area, neither written nor sent by them).
 */
export async function listCampaigns(deps: ListCampaignsDeps, actor: Actor, query: CampaignListQuery): Promise<CampaignList> {
  const rows = await deps.repos.campaigns.list({
    areaCodes: visibleAreaCodes(actor, deps.areas),
    ...(query.status ? { status: query.status } : {}),
    ...(query.awaitingMyApproval === "true" ? { approvableBy: actor.id } : {}),
    ...(query.cursor ? { beforeId: Number(query.cursor) } : {}),
    limit: CAMPAIGN_PAGE + 1,
  });
  const page = rows.slice(0, CAMPAIGN_PAGE);
  const counts = new Map<number, CampaignListItem["counts"]>();
  for (const r of await deps.repos.deliveries.countsFor(
    page.filter((c) => c.sent_at !== null).map((c) => Number(c.id)),
    ["sent", "held", "failed"],
  )) {
    const c = counts.get(Number(r.campaign_id)) ?? { sent: 0, held: 0, failed: 0 };
    c[r.state as keyof CampaignListItem["counts"]] += Number(r.n);
    counts.set(Number(r.campaign_id), c);
  }
  return {
    campaigns: page.map((c) => item(deps.areas, c, counts.get(Number(c.id)) ?? { sent: 0, held: 0, failed: 0 })),
    nextCursor: rows.length > CAMPAIGN_PAGE ? String(page[page.length - 1]!.id) : null,
  };
}

function item(areas: Areas, c: CampaignRow, counts: CampaignListItem["counts"]): CampaignListItem {
  return {
    id: Number(c.id),
    title: c.title,
    status: c.status,
    areaCode: c.area_code,
    areaName: areaNameOf(areas, c.area_code),
    provinceWide: isProvinceWide({ areaCode: c.area_code, communes: c.communes }),
    createdAt: c.created_at,
    sentAt: c.sent_at,
    scheduledAt: c.scheduled_at,
    counts,
  };
}
