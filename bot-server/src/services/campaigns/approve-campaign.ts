import { AppError } from "../../lib/errors.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import { forbidden, type Actor } from "../admin/access.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { campaignFor } from "./find-campaign.js";
import { queuePlanning } from "./queue-planning.js";

const notAwaiting = () => new AppError(409, "not_awaiting_approval", "Chiến dịch này không chờ phê duyệt.");

/** The second official's approval of a province-wide campaign: someone other than who wrote or sent it. */
export async function approveCampaign(deps: DeliveryDeps, actor: Actor, id: number): Promise<CampaignRow["status"]> {
  const row = await campaignFor(deps, actor, id);
  if (row.status !== "awaiting_approval") throw notAwaiting();
  if (actor.id === row.sent_by || actor.id === row.created_by) throw forbidden("Cần một cán bộ khác phê duyệt chiến dịch này.");
  const now = deps.clock.now();
  const at = row.scheduled_at ? new Date(row.scheduled_at) : null;
  const next = at && at > now ? "scheduled" : "sending";
  await deps.repos.transaction(async (repos) => {
    if (
      !(await repos.campaigns.transition(id, ["awaiting_approval"], {
        status: next,
        approved_by: actor.id,
        approved_at: now.toISOString(),
        updated_at: now.toISOString(),
      }))
    )
      throw notAwaiting();
    await repos.audit.append({
      actor: actor.id,
      action: "campaign.approve",
      target: `campaign:${id}`,
      area_code: row.area_code,
      before_state: JSON.stringify({ status: "awaiting_approval" }),
      after_state: JSON.stringify({ status: next }),
      at: now.toISOString(),
    });
  });
  await queuePlanning(deps, id, at);
  return next;
}
