import type { CourseCatalog } from "../course-catalog.js";

/** The lessons of the core skills: a member is trained when they have passed every one of them. */
export function coreLessonIds(catalog: CourseCatalog): string[] {
  return catalog.skills.filter((s) => s.core).flatMap((s) => catalog.lessonsOf(s.id).map((l) => l.id));
}
