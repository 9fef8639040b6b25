import { AppError } from "../../lib/errors.js";
import type { Actor } from "../admin/access.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { campaignFor } from "./find-campaign.js";

/** Cancelling stops every delivery not yet under way. */
export async function cancelCampaign(deps: Pick<DeliveryDeps, "repos" | "areas" | "clock">, actor: Actor, id: number): Promise<number> {
  const row = await campaignFor(deps, actor, id);
  const now = deps.clock.now().toISOString();
  return deps.repos.transaction(async (repos) => {
    if (!(await repos.campaigns.transition(id, ["draft", "awaiting_approval", "scheduled", "sending"], { status: "cancelled", updated_at: now }))) {
      throw new AppError(409, "campaign_finished", "Chiến dịch này đã kết thúc hoặc đã hủy.");
    }
    const stopped = await repos.deliveries.cancelOpen(id, now);
    await repos.audit.append({
      actor: actor.id,
      action: "campaign.cancel",
      target: `campaign:${id}`,
      area_code: row.area_code,
      before_state: JSON.stringify({ status: row.status }),
      after_state: JSON.stringify({ status: "cancelled", stopped }),
      at: now,
    });
    return stopped;
  });
}
