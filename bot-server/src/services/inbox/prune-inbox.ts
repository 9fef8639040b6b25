import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";

/** Processed events leave the inbox after `retentionDays` (Zalo retries for hours, not days); how many went. */
export async function pruneInbox(
  deps: { repos: Repositories; clock: Clock; log: { info(obj: object, msg: string): void } },
  retentionDays: number,
): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - retentionDays * 86400_000).toISOString();
  const n = await deps.repos.inbox.prune(before);
  if (n) deps.log.info({ pruned: n }, "old webhook events pruned from the inbox");
  return n;
}
