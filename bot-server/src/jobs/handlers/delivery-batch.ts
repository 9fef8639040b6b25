import type { JobPayloads } from "../payloads.js";
import { BATCHES_AT_ONCE, batchFailedForGood, deliverBatch } from "../../services/campaigns/deliver-batch.js";
import { deliveryDeps, type JobDefinition, type JobDeps } from "./job-deps.js";

export function deliveryBatchJob(d: JobDeps): JobDefinition<JobPayloads["delivery-batch"]> {
  const deps = deliveryDeps(d);
  return {
    run: (p) => deliverBatch(deps, p.deliveryIds),
    concurrency: BATCHES_AT_ONCE,
    onFailed: async (p, err) => {
      d.log.error({ err, deliveryIds: p.deliveryIds }, "delivery batch failed for good");
      await batchFailedForGood(deps, p.deliveryIds);
    },
  };
}
