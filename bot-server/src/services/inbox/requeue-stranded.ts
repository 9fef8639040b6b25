import type { JobQueue } from "../../jobs/queue.js";
import type { Repositories } from "../../repositories/index.js";
import { eventJob } from "./inbox-writer.js";

/**
 * Events stored but not queued (a crash or a failed write between the two) are queued; the job key keeps each
 * single. An event whose job is still there (waiting, or leased by a process that died) keeps that job.
 */
export async function requeueStranded(deps: { repos: Repositories; queue: JobQueue }): Promise<void> {
  const ids = await deps.repos.inbox.unqueuedIds(1000);
  if (ids.length) await deps.queue.addBulk("webhook", ids.map(eventJob));
}
