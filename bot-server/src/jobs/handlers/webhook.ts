import type { JobPayloads } from "../payloads.js";
import { eventFailedForGood } from "../../services/inbox/event-failed-for-good.js";
import { processWebhookEvent } from "../../services/webhook-events/process-webhook-event.js";
import type { JobDefinition, JobDeps } from "./job-deps.js";

export function webhookJob(d: JobDeps): JobDefinition<JobPayloads["webhook"]> {
  const deps = { ...d, random: Math.random, paidMessageVnd: d.config.campaignCosts.paidMessageVnd, nearestCommuneKm: d.config.nearestCommuneKm };
  return {
    run: (p) => processWebhookEvent(deps, p.inboxId),
    concurrency: 4,
    onFailed: (p, err) => eventFailedForGood(d, p.inboxId, err),
  };
}
