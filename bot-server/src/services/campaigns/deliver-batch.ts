import { backoffMs, RunLaterError } from "../../jobs/queue.js";
import type { DeliveryRow } from "../../repositories/deliveries.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { quotaOut } from "./oa-quota.js";
import { messagesFor, sendOne } from "./send-delivery.js";
import { finishIfSettled } from "./settle-campaign.js";

/** Delivery ids per batch job: one job, one read of the rows, the campaign and who still follows. */
export const DELIVERY_BATCH = 50;
/** Sends under way at once inside one batch job. */
export const SENDS_PER_BATCH = 8;
/** Batch jobs a process runs at once. */
export const BATCHES_AT_ONCE = 2;
/** Single deliveries (those waiting out a retry) a process runs at once. */
export const RETRIES_AT_ONCE = 4;
/** The most deliveries a process has in flight: what a crash can leave half-done (and may send twice). */
export const MAX_IN_FLIGHT = SENDS_PER_BATCH * BATCHES_AT_ONCE + RETRIES_AT_ONCE;

/** Queues the rows to send in batch jobs; each batch's key comes from its first delivery, so a re-run adds none. */
export async function queueBatches(deps: Pick<DeliveryDeps, "queue">, ids: number[]): Promise<void> {
  const jobs = [];
  for (let i = 0; i < ids.length; i += DELIVERY_BATCH) {
    const batch = ids.slice(i, i + DELIVERY_BATCH);
    jobs.push({ payload: { deliveryIds: batch }, opts: { key: `delivery-batch:${batch[0]}` } });
  }
  if (jobs.length) await deps.queue.addBulk("delivery-batch", jobs);
}

/**
 * A batch job: the rows still open among its ids are sent a few at a time. A row that must wait (a retryable
 * error, promotion at night) leaves the batch for a job of its own ("delivery", keyed by the row), with the usual
 * backoff; the batch itself only fails (and is re-run, skipping settled rows) when the database does.
 */
export async function deliverBatch(deps: DeliveryDeps, ids: number[]): Promise<void> {
  const rows = await deps.repos.deliveries.findOpen(ids);
  if (rows.length === 0) return;
  const campaignId = Number(rows[0]!.campaign_id);
  const campaign = await deps.repos.campaigns.findById(campaignId);
  if (!campaign || campaign.status === "cancelled") {
    await deps.repos.deliveries.cancelMany(
      rows.map((r) => Number(r.id)),
      deps.clock.now().toISOString(),
    );
    return;
  }
  const unfollowed = await deps.repos.subscribers.unfollowed(rows.map((r) => r.user_id));
  const messages = messagesFor(deps, campaign);
  const quota = { out: await quotaOut(deps) };
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const d: DeliveryRow = rows[next++]!;
      try {
        await sendOne(deps, d, { campaign, ...messages, unfollowed: unfollowed.has(d.user_id), quota });
      } catch (err) {
        const at = err instanceof RunLaterError ? err.at.getTime() : deps.clock.now().getTime() + backoffMs(1, 2000);
        await deps.queue.add("delivery", { deliveryId: Number(d.id) }, { key: `delivery:${d.id}`, delayMs: Math.max(0, at - deps.clock.now().getTime()) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SENDS_PER_BATCH, rows.length) }, lane));
  await finishIfSettled(deps, campaignId);
}

/** A batch job that failed for the last time (the database kept failing): its open rows are failed, code -1. */
export async function batchFailedForGood(deps: Pick<DeliveryDeps, "repos" | "clock">, ids: number[]): Promise<void> {
  const rows = await deps.repos.deliveries.findOpen(ids);
  for (const r of rows) await deps.repos.deliveries.markFailed(Number(r.id), -1, deps.clock.now().toISOString());
  if (rows[0]) await finishIfSettled(deps, Number(rows[0].campaign_id));
}
