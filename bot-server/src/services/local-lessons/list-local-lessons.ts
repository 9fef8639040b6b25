import type { LocalLessonList } from "../../../../shared/schemas/local-lesson.js";
import type { Actor } from "../admin/access.js";
import { visibleAreaCodes } from "../admin/access.js";
import { localLessonView } from "./local-lesson-view.js";
import type { LocalLessonDeps } from "./save-local-lesson.js";

/** The local lessons of the official's areas, newest change first, with the framework's competences to pick from. */
export async function listLocalLessons(deps: LocalLessonDeps, actor: Actor, limit: number): Promise<LocalLessonList> {
  const rows = await deps.repos.localLessons.list(visibleAreaCodes(actor, deps.areas), limit);
  const lessons = await Promise.all(
    rows.map(async (row) => localLessonView(deps.areas, actor, row, (await deps.repos.localLessons.version(row.id, Number(row.latest_version)))!)),
  );
  return {
    lessons,
    competences: deps.course.competences.flatMap((a) => a.competences.map((c) => ({ code: c.code, title: c.title }))),
  };
}
