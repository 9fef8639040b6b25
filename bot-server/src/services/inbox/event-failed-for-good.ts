import type { Repositories } from "../../repositories/index.js";

/** A webhook event whose job failed for the last time: marked failed with the error, for the operator to see. */
export async function eventFailedForGood(deps: { repos: Repositories }, inboxId: number, err: unknown): Promise<void> {
  await deps.repos.inbox.recordFailure(inboxId, err instanceof Error ? err.message : String(err), true);
}
