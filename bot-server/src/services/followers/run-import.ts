import { IMPORT_STATE_KEY, importFollowers, type FollowerDeps, type ImportResult } from "./import-followers.js";

/**
 * The scheduled import job: several processes may queue it for the same period, so a run finished less than most
 * of a period ago means this one has nothing to do.
 */
export async function runFollowerImport(deps: FollowerDeps, everyHours: number): Promise<void> {
  const last = await deps.repos.oaState.get<ImportResult>(IMPORT_STATE_KEY);
  if (last && everyHours > 0 && deps.clock.now().getTime() - Date.parse(last.value.finishedAt) < everyHours * 0.9 * 3600_000) return;
  await importFollowers(deps);
}
