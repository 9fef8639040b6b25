import type { DeliveryDeps } from "./delivery-deps.js";

/** Hands a campaign that may go to the planning job (ids only), delayed to the chosen time. */
export async function queuePlanning(deps: Pick<DeliveryDeps, "queue" | "clock">, campaignId: number, at: Date | null): Promise<void> {
  const delayMs = at ? Math.max(0, at.getTime() - deps.clock.now().getTime()) : 0;
  await deps.queue.add("campaign-plan", { campaignId }, { key: `campaign-plan:${campaignId}`, delayMs });
}
