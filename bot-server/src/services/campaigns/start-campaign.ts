import { needsSecondApproval } from "../../../../shared/lib/campaign-rules.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import type { Actor } from "../admin/access.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { campaignFor } from "./find-campaign.js";
import { queuePlanning } from "./queue-planning.js";

/** A campaign reaching a whole province, or many of its communes, needs a second official's approval before it goes. */
export const needsApproval = (row: CampaignRow) => needsSecondApproval({ areaCode: row.area_code, communes: row.communes });

/**
 * Send now or at a time. A campaign leaves the draft state once; a province-wide one waits for a second official's
 * approval first. From there a planning job (ids only) takes over, delayed to the chosen time.
 */
export async function startCampaign(deps: DeliveryDeps, actor: Actor, id: number, at: Date | null = null): Promise<CampaignRow["status"]> {
  const row = await campaignFor(deps, actor, id);
  const now = deps.clock.now();
  if (at && (at.getTime() < now.getTime() - 60_000 || at.getTime() > now.getTime() + 31 * 24 * 3600_000)) {
    throw badRequest("invalid_time", "Thời điểm gửi phải trong vòng 31 ngày tới.");
  }
  const next: CampaignRow["status"] = needsApproval(row) ? "awaiting_approval" : at && at > now ? "scheduled" : "sending";
  await deps.repos.transaction(async (repos) => {
    const patch = { status: next, sent_by: actor.id, sent_at: now.toISOString(), scheduled_at: at ? at.toISOString() : null, updated_at: now.toISOString() };
    if (!(await repos.campaigns.transition(id, ["draft"], patch))) throw new AppError(409, "campaign_not_draft", "Chiến dịch này đã được gửi hoặc đã hủy.");
    await repos.audit.append({
      actor: actor.id,
      action: "campaign.send",
      target: `campaign:${id}`,
      area_code: row.area_code,
      before_state: JSON.stringify({ status: "draft" }),
      after_state: JSON.stringify({ status: next, scheduledAt: patch.scheduled_at }),
      at: now.toISOString(),
    });
  });
  if (next !== "awaiting_approval") await queuePlanning(deps, id, at);
  return next;
}
