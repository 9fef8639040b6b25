import type { DeliveryDeps } from "./delivery-deps.js";
import { quotaOut } from "./oa-quota.js";
import { messagesFor, sendOne } from "./send-delivery.js";
import { finishIfSettled } from "./settle-campaign.js";

/**
 * The delivery job for one row (retries, and promotion held until morning): send, then record sent / held (the
 * inbox) / failed; retryable errors go back to the queue. Once the row is settled, the campaign is done if it was
 * the last open one.
 */
export async function deliverOne(deps: DeliveryDeps, deliveryId: number): Promise<void> {
  const d = await deps.repos.deliveries.findById(deliveryId);
  if (!d) return;
  if (d.state !== "planned" && d.state !== "sending") return void (await finishIfSettled(deps, Number(d.campaign_id)));
  const campaign = await deps.repos.campaigns.findById(d.campaign_id);
  if (!campaign || campaign.status === "cancelled") {
    await deps.repos.deliveries.markCancelled(d.id, deps.clock.now().toISOString());
    return;
  }
  const unfollowed = (await deps.repos.subscribers.unfollowed([d.user_id])).has(d.user_id);
  if (await sendOne(deps, d, { campaign, ...messagesFor(deps, campaign), unfollowed, quota: { out: await quotaOut(deps) } }))
    await finishIfSettled(deps, Number(d.campaign_id));
}

/**
 * A delivery job that failed for the last time (the queue's onFailed): the row is failed, and the campaign done if
 * it was the last open one.
 */
export async function deliveryFailedForGood(deps: Pick<DeliveryDeps, "repos" | "clock">, deliveryId: number, errorCode: number): Promise<void> {
  await deps.repos.deliveries.markFailed(deliveryId, errorCode, deps.clock.now().toISOString());
  const d = await deps.repos.deliveries.findById(deliveryId);
  if (d) await finishIfSettled(deps, Number(d.campaign_id));
}
