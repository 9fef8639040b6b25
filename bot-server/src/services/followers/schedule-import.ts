import type { JobQueue } from "../../jobs/queue.js";
import type { Clock } from "../../lib/clock.js";
import type { OaConnection } from "../oa-token-keeper.js";

export interface ScheduleImportDeps {
  queue: Pick<JobQueue, "add">;
  tokens: { connection(): Promise<OaConnection> };
  clock: Clock;
  log: { info(msg: string): void };
}

/**
 * Queues the follower import of this period, every `everyHours` (0: only by hand): one job per period, whoever adds
 * it. With `waitForConnection` nothing is queued until the OA is connected (the sandbox connects itself).
 */
export async function scheduleFollowerImport(deps: ScheduleImportDeps, o: { everyHours: number; waitForConnection: boolean }): Promise<void> {
  if (o.everyHours <= 0) return;
  if (o.waitForConnection && (await deps.tokens.connection()).status !== "ok")
    return void deps.log.info("follower import waits until the OA is connected (/oauth/zalo/start)");
  const slot = Math.floor(deps.clock.now().getTime() / (o.everyHours * 3600_000));
  await deps.queue.add("followers-import", { slot }, { key: `followers-import:${slot}`, maxAttempts: 5 });
}
