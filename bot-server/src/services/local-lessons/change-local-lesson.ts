import type { LocalLessonChange } from "../../../../shared/schemas/local-lesson.js";
import { AppError } from "../../lib/errors.js";
import type { LocalLessonRow } from "../../repositories/local-lessons.js";
import { forbidden, type Actor } from "../admin/access.js";
import { localLessonFor, localLessonView, mayApprove } from "./local-lesson-view.js";
import { auditLocalLesson, editLocalLesson, lessonMoved, type LocalLessonDeps } from "./save-local-lesson.js";

/**
 * A local lesson's life: a draft is submitted; a second official approves it (of the commune or of its province
 * for a commune's lesson, of the province for a province's), and residents of the area see that version; a lesson
 * is withdrawn (residents no longer see it) and restored as a draft that needs approving again. Audited; a change to
 * a lesson that moved meanwhile is refused.
 */
export async function changeLocalLesson(deps: LocalLessonDeps, actor: Actor, id: string, change: LocalLessonChange) {
  if (change.action === "edit") return editLocalLesson(deps, actor, id, change.version, change.content);
  const { row, latest } = await localLessonFor(deps, actor, id);
  const version = Number(row.latest_version);
  const now = deps.clock.now().toISOString();
  let from: LocalLessonRow["status"][];
  let set: Partial<LocalLessonRow>;
  if (change.action === "submit") {
    if (row.status !== "draft") throw new AppError(409, "local_lesson_not_draft", "Chỉ gửi duyệt được bài đang soạn.");
    if (change.version !== version) throw lessonMoved();
    from = ["draft"];
    set = { status: "awaiting_approval", submitted_by: actor.id };
  } else if (change.action === "approve") {
    if (row.status !== "awaiting_approval") throw new AppError(409, "not_awaiting_approval", "Bài học này không chờ duyệt.");
    if (change.version !== version) throw lessonMoved();
    if (!mayApprove(actor, row, latest)) throw forbidden("Cần một cán bộ khác (không phải người soạn hay người gửi duyệt) duyệt bài này.");
    from = ["awaiting_approval"];
    set = { status: "published", published_version: version };
  } else if (change.action === "withdraw") {
    if (row.status === "withdrawn") throw lessonMoved();
    from = [row.status];
    set = { status: "withdrawn" };
  } else {
    if (row.status !== "withdrawn") throw new AppError(409, "local_lesson_not_withdrawn", "Bài học này chưa bị rút về.");
    from = ["withdrawn"];
    // Back as a draft, seen by no resident until a second official approves it again.
    set = { status: "draft", published_version: null, submitted_by: null };
  }
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.localLessons.change(id, version, from, { ...set, updated_at: now }))) throw lessonMoved();
    if (change.action === "approve") await repos.localLessons.approveVersion(id, version, actor.id, now);
    await auditLocalLesson(
      repos,
      actor,
      row,
      change.action,
      { status: row.status, version, publishedVersion: row.published_version },
      { ...set, version },
      now,
    );
  });
  const saved = await localLessonFor(deps, actor, id);
  return { lesson: localLessonView(deps.areas, actor, saved.row, saved.latest) };
}
