import { notFound } from "../../lib/errors.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";

/** A campaign the actor may see: 404 when there is none, 403 (revealing nothing of it) when it is of another area. */
export async function campaignFor(deps: { repos: Repositories; areas: Areas }, actor: Actor, id: number): Promise<CampaignRow> {
  const row = await deps.repos.campaigns.findById(id);
  if (!row) throw notFound("campaign_not_found", "Không có chiến dịch này.");
  if (!actorCovers(actor, row.area_code, deps.areas)) throw forbidden("Chiến dịch này thuộc khu vực khác.");
  return row;
}
