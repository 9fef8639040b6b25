import type { JobPayloads } from "../payloads.js";
import { RETRIES_AT_ONCE } from "../../services/campaigns/deliver-batch.js";
import { deliverOne, deliveryFailedForGood } from "../../services/campaigns/deliver-one.js";
import { ZaloApiError } from "../../zalo/errors.js";
import { deliveryDeps, type JobDefinition, type JobDeps } from "./job-deps.js";

/** Single deliveries: those that left their batch to wait (retries, promotion held until morning). */
export function deliveryJob(d: JobDeps): JobDefinition<JobPayloads["delivery"]> {
  const deps = deliveryDeps(d);
  return {
    run: (p) => deliverOne(deps, p.deliveryId),
    concurrency: RETRIES_AT_ONCE,
    onFailed: async (p, err) => {
      d.log.error({ err, deliveryId: p.deliveryId }, "delivery failed for good");
      await deliveryFailedForGood(deps, p.deliveryId, err instanceof ZaloApiError ? err.code : -1);
    },
  };
}
