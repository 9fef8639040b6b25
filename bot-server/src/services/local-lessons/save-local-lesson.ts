import { randomBytes } from "node:crypto";
import type { Course } from "../../../../shared/content-loader.js";
import { checkLocalLesson } from "../../../../shared/lib/local-lesson-rules.js";
import type { LocalLessonContent } from "../../../../shared/schemas/local-lesson.js";
import type { Clock } from "../../lib/clock.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { LocalLessonRow } from "../../repositories/local-lessons.js";
import type { Repositories, RepositorySet } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { localLessonFor, localLessonView } from "./local-lesson-view.js";

export interface LocalLessonDeps {
  repos: Repositories;
  areas: Areas;
  clock: Clock;
  course: Pick<Course, "vars" | "competences" | "lessons">;
}

export const lessonMoved = () => new AppError(409, "local_lesson_changed", "Bài học này vừa được người khác sửa hoặc đổi trạng thái. Hãy tải lại.");

/**
 * The validator of the shipped content on what the official wrote, with the photos it names looked up: refused
 * whole, each problem in Vietnamese at its field, when anything is wrong.
 */
async function validContent(deps: LocalLessonDeps, input: unknown): Promise<LocalLessonContent> {
  const steps = (input as { steps?: unknown } | null)?.steps;
  const named = Array.isArray(steps)
    ? steps.flatMap((s) => (typeof (s as { image?: unknown })?.image === "string" ? [(s as { image: string }).image] : []))
    : [];
  const images = await deps.repos.localImages.known(named.slice(0, 8));
  const competenceCodes = new Set(deps.course.competences.flatMap((a) => a.competences.map((c) => c.code)));
  const checked = checkLocalLesson(input, { images, vars: deps.course.vars, competenceCodes });
  if (checked.content && !checked.problems.length) return checked.content;
  const first = checked.problems[0]!;
  throw new AppError(400, "invalid_lesson", `Bài học chưa lưu được: ${first.field}: ${first.message}`, checked.problems);
}

async function audit(
  repos: Pick<RepositorySet, "audit">,
  actor: Actor,
  row: Pick<LocalLessonRow, "id" | "area_code">,
  action: string,
  before: object | null,
  after: object,
  at: string,
) {
  await repos.audit.append({
    actor: actor.id,
    action: `local_lesson.${action}`,
    target: `local_lesson:${row.id}`,
    area_code: row.area_code,
    before_state: before ? JSON.stringify(before) : null,
    after_state: JSON.stringify(after),
    at,
  });
}
export { audit as auditLocalLesson };

/** A new local lesson for a commune or a province, as a draft (version 1). Audited. */
export async function createLocalLesson(deps: LocalLessonDeps, actor: Actor, areaCode: string, input: unknown) {
  if (!deps.areas.commune(areaCode) && !deps.areas.province(areaCode)) throw badRequest("invalid_area", "Khu vực không có trong danh mục.");
  if (!actorCovers(actor, areaCode, deps.areas)) throw forbidden();
  const content = await validContent(deps, input);
  const now = deps.clock.now().toISOString();
  const id = `dp-${randomBytes(5).toString("hex")}`;
  const row = {
    id,
    area_code: areaCode,
    status: "draft" as const,
    latest_version: 1,
    published_version: null,
    title: content.title,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
    submitted_by: null,
  };
  await deps.repos.transaction(async (repos) => {
    await repos.localLessons.add(row, {
      lesson_id: id,
      version: 1,
      content: JSON.stringify(content),
      saved_by: actor.id,
      saved_at: now,
      approved_by: null,
      approved_at: null,
    });
    await audit(repos, actor, row, "create", null, { version: 1, title: content.title }, now);
  });
  const saved = await localLessonFor(deps, actor, id);
  return { lesson: localLessonView(deps.areas, actor, saved.row, saved.latest) };
}

/**
 * Saves what the official wrote over `version`, the latest, as the next version, a draft: every save has its own
 * number, so an approval or an edit made on what another official has changed since is refused, and a version that
 * was approved is never rewritten (residents' attempts are graded against it). Residents go on seeing the published
 * version until the new one is approved. Audited.
 */
export async function editLocalLesson(deps: LocalLessonDeps, actor: Actor, id: string, version: number, input: unknown) {
  const { row } = await localLessonFor(deps, actor, id);
  if (row.status === "withdrawn") throw new AppError(409, "local_lesson_withdrawn", "Bài học đã rút về. Hãy khôi phục trước khi sửa.");
  if (Number(row.latest_version) !== version) throw lessonMoved();
  const content = await validContent(deps, input);
  const now = deps.clock.now().toISOString();
  const next = version + 1;
  await deps.repos.transaction(async (repos) => {
    const set = { status: "draft" as const, latest_version: next, title: content.title, submitted_by: null, updated_at: now };
    if (!(await repos.localLessons.change(id, version, [row.status], set))) throw lessonMoved();
    const text = JSON.stringify(content);
    await repos.localLessons.addVersion({
      lesson_id: id,
      version: next,
      content: text,
      saved_by: actor.id,
      saved_at: now,
      approved_by: null,
      approved_at: null,
    });
    await audit(repos, actor, row, "edit", { status: row.status, version }, { status: "draft", version: next, title: content.title }, now);
  });
  const saved = await localLessonFor(deps, actor, id);
  return { lesson: localLessonView(deps.areas, actor, saved.row, saved.latest) };
}
