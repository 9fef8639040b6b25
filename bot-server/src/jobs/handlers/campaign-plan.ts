import type { JobPayloads } from "../payloads.js";
import { planDeliveries } from "../../services/campaigns/plan-deliveries.js";
import { deliveryDeps, type JobDefinition, type JobDeps } from "./job-deps.js";

export function campaignPlanJob(d: JobDeps): JobDefinition<JobPayloads["campaign-plan"]> {
  const deps = deliveryDeps(d);
  return {
    run: (p) => planDeliveries(deps, p.campaignId),
    concurrency: 1,
    // After its retries (the database kept failing): the campaign stays "sending" with what was planned; the log names it.
    onFailed: async (p, err) =>
      d.log.error({ err, campaignId: p.campaignId }, "campaign planning failed for good; the campaign stays 'sending' until it is planned"),
  };
}
