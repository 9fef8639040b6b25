import type { JobName, JobPayloads } from "../payloads.js";
import type { JobQueue } from "../queue.js";
import { campaignPlanJob } from "./campaign-plan.js";
import { deliveryBatchJob } from "./delivery-batch.js";
import { deliveryJob } from "./delivery.js";
import { followerCheckJob } from "./follower-check.js";
import { followerTagsJob } from "./follower-tags.js";
import { followersImportJob } from "./followers-import.js";
import type { JobDefinition, JobDeps } from "./job-deps.js";
import { webhookJob } from "./webhook.js";

/** One handler for every job name, taking that job's payload: a job without one, or a wrong payload, does not compile. */
export type JobHandlers = { [Q in JobName]: JobDefinition<JobPayloads[Q]> };

export function jobHandlers(d: JobDeps): JobHandlers {
  return {
    webhook: webhookJob(d),
    "follower-check": followerCheckJob(d),
    "follower-tags": followerTagsJob(d),
    "followers-import": followersImportJob(d),
    "campaign-plan": campaignPlanJob(d),
    "delivery-batch": deliveryBatchJob(d),
    delivery: deliveryJob(d),
  };
}

/** Puts every handler on the queue (it runs them once started). */
export function processJobs(queue: JobQueue, handlers: JobHandlers): void {
  for (const name of Object.keys(handlers) as JobName[]) processJob(queue, name, handlers[name]);
}

function processJob<Q extends JobName>(queue: JobQueue, name: Q, { run, concurrency, onFailed }: JobHandlers[Q]): void {
  queue.process(name, run, { concurrency, onFailed });
}
