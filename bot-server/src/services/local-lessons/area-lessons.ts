import type { Course } from "../../../../shared/content-loader.js";
import type { AreaLessons, MyCommune } from "../../../../shared/schemas/local-lesson.js";
import type { LocalLessonContent } from "../../../../shared/schemas/local-lesson.js";
import { notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import { answererName } from "../questions/question-view.js";
import { asLesson, shippedLocalCount } from "./local-lesson.js";

/**
 * What residents of a commune learn in the local skill besides the shipped samples: the published version of each
 * lesson of the commune and of its province, numbered after the samples. Nothing of another area, ever.
 */
export async function areaLessons(
  deps: { repos: Repositories; areas: Areas; course: Pick<Course, "vars" | "lessons"> },
  communeCode: string,
): Promise<AreaLessons> {
  const commune = deps.areas.commune(communeCode);
  if (!commune) throw notFound("commune_not_found", "Không có xã, phường này trong danh mục.");
  const rows = await deps.repos.localLessons.published(commune.code, commune.provinceCode);
  const first = shippedLocalCount(deps.course) + 1;
  return {
    commune: { code: commune.code, name: commune.fullName },
    lessons: rows.map((r, i) => ({
      version: Number(r.version),
      areaName: answererName(deps.areas, r.area_code),
      lesson: asLesson(deps.course.vars, r.id, first + i, JSON.parse(r.content) as LocalLessonContent),
    })),
  };
}

/** The commune a learner chose in the OA's chat (the follower Zalo named at sign-in), or null. */
export async function myCommune(deps: { repos: Repositories; areas: Areas }, learnerId: string): Promise<MyCommune> {
  const follower = (await deps.repos.learners.findById(learnerId))?.id_by_oa;
  const code = follower ? (await deps.repos.subscribers.find(follower))?.commune_code : null;
  const commune = code ? deps.areas.commune(code) : undefined;
  return { commune: commune ? { code: commune.code, name: commune.fullName } : null };
}
