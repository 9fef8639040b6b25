import { fillLesson, type Course } from "../../../../shared/content-loader.js";
import { LOCAL_SKILL } from "../../../../shared/constants/local-lesson.js";
import type { Lesson } from "../../../../shared/schemas/content.js";
import type { LocalLessonContent } from "../../../../shared/schemas/local-lesson.js";
import type { Repositories } from "../../repositories/index.js";
import type { CourseCatalog } from "../course-catalog.js";

export const imagePath = (id: string) => `/api/v1/local-images/${id}.webp`;

/** How many lessons of the local skill ship with the course: local lessons are numbered after them. */
export const shippedLocalCount = (course: Pick<Course, "lessons">) => course.lessons.filter((l) => l.skill === LOCAL_SKILL).length;

/** A local lesson's version as the apps use a lesson: {{vars}} filled in, options with ids, photos as the server's paths. */
export function asLesson(vars: Record<string, string>, id: string, order: number, content: LocalLessonContent): Lesson {
  const lesson = fillLesson({ ...content, id, skill: LOCAL_SKILL, order }, vars);
  return { ...lesson, steps: lesson.steps.map((s) => (s.image ? { ...s, image: imagePath(s.image) } : s)) };
}

const approved = new Map<string, Lesson>();
const CACHE_SIZE = 500;

/**
 * A version of a local lesson that residents may have answered (it was approved once): to grade their attempts
 * against it. Approved versions never change, so they are kept in memory; null when there is no such version.
 */
export async function answerableVersion(
  deps: { repos: Repositories; catalog: Pick<CourseCatalog, "vars"> },
  id: string,
  version: number,
): Promise<Lesson | null> {
  const key = `${id}@${version}`;
  const hit = approved.get(key);
  if (hit) return hit;
  const row = await deps.repos.localLessons.version(id, version);
  if (!row?.approved_at) return null;
  const lesson = asLesson(deps.catalog.vars, id, 1, JSON.parse(row.content) as LocalLessonContent);
  if (approved.size >= CACHE_SIZE) approved.delete(approved.keys().next().value!);
  approved.set(key, lesson);
  return lesson;
}

/** The version of a local lesson residents see now, or null (none published, or withdrawn). */
export async function publishedLesson(deps: { repos: Repositories; catalog: Pick<CourseCatalog, "vars"> }, id: string): Promise<Lesson | null> {
  const row = await deps.repos.localLessons.findById(id);
  if (!row || row.status === "withdrawn" || row.published_version === null) return null;
  return answerableVersion(deps, id, Number(row.published_version));
}
