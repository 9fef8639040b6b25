import type { Repositories } from "../../repositories/index.js";
import type { CourseCatalog } from "../course-catalog.js";
import { coreLessonIds } from "../teams/core-lessons.js";

/** Where the core lessons the rollups were counted with are kept (the shared key/value table). */
export const COUNTED_CORE_KEY = "reports.core_lessons";

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * "Trained" means every lesson of the core skills passed, so the rollups depend on which lessons are core. When a
 * deploy changes them (a lesson added to a core skill, a skill made core), the rollups are counted again before the
 * server answers, once across all processes. True when it recounted.
 */
export async function recountIfCoreChanged(repos: Repositories, catalog: CourseCatalog, now: Date): Promise<boolean> {
  const core = [...coreLessonIds(catalog)].sort();
  const counted = await repos.oaState.get<string[]>(COUNTED_CORE_KEY);
  if (counted && same(counted.value, core)) return false;
  return repos.transaction(async (r) => {
    // Holds progress syncs and joins while counting, and a second process starting at the same time waits here.
    await r.reportRollups.lockAttachments();
    const again = await r.oaState.get<string[]>(COUNTED_CORE_KEY);
    if (again && same(again.value, core)) return false;
    await r.reportRollups.rebuild(core);
    await r.oaState.set(COUNTED_CORE_KEY, core, now.toISOString());
    return true;
  });
}
