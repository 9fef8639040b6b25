import type { LocalLessonContent, LocalLessonView } from "../../../../shared/schemas/local-lesson.js";
import { notFound } from "../../lib/errors.js";
import type { LocalLessonRow, LocalLessonVersionRow } from "../../repositories/local-lessons.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { answererName } from "../questions/question-view.js";

/** Four eyes: the latest version waits, and the one asking neither wrote nor submitted it. */
export const mayApprove = (actor: Actor, row: LocalLessonRow, latest: LocalLessonVersionRow) =>
  row.status === "awaiting_approval" && actor.id !== latest.saved_by && actor.id !== row.submitted_by;

export function localLessonView(areas: Areas, actor: Actor, row: LocalLessonRow, latest: LocalLessonVersionRow): LocalLessonView {
  return {
    id: row.id,
    areaCode: row.area_code,
    areaName: answererName(areas, row.area_code),
    status: row.status,
    title: row.title,
    latestVersion: Number(row.latest_version),
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
    content: JSON.parse(latest.content) as LocalLessonContent,
    savedBy: latest.saved_by,
    submittedBy: row.submitted_by,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    canApprove: mayApprove(actor, row, latest),
  };
}

/** A local lesson the actor may see, with its latest version: 404 when there is none, 403 when it is of another area. */
export async function localLessonFor(deps: { repos: Repositories; areas: Areas }, actor: Actor, id: string) {
  const row = await deps.repos.localLessons.findById(id);
  if (!row) throw notFound("local_lesson_not_found", "Không có bài học này.");
  if (!actorCovers(actor, row.area_code, deps.areas)) throw forbidden("Bài học này thuộc khu vực khác.");
  const latest = (await deps.repos.localLessons.version(id, Number(row.latest_version)))!;
  return { row, latest };
}
