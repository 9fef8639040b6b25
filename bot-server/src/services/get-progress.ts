import { isLocalLessonId } from "../../../shared/constants/local-lesson.js";
import type { ProgressResponse } from "../../../shared/schemas/api.js";
import type { ProgressRepository } from "../repositories/progress.js";
import type { CourseCatalog } from "./course-catalog.js";

export interface ProgressDeps {
  repos: { progress: ProgressRepository };
  catalog: CourseCatalog;
}

/** A learner's progress per lesson and per skill; a skill is mastered when every one of its lessons is passed. */
export async function getProgress(deps: ProgressDeps, learnerId: string): Promise<ProgressResponse> {
  const [stats, read] = await Promise.all([deps.repos.progress.attemptStats(learnerId), deps.repos.progress.readLessonIds(learnerId)]);
  const readSet = new Set(read);
  const byLesson = new Map(stats.map((s) => [s.lesson_id, s]));
  const lessonIds = new Set([...readSet, ...byLesson.keys()]);
  // Lessons removed from the course since are left out rather than shown as unknown; officials' local lessons stay.
  const lessons = [...lessonIds]
    .filter((id) => deps.catalog.lesson(id) || isLocalLessonId(id))
    .sort()
    .map((id) => {
      const s = byLesson.get(id);
      return {
        lessonId: id,
        read: readSet.has(id),
        attempts: s?.attempts ?? 0,
        bestScorePct: s?.best_score_pct ?? null,
        passed: s?.passed ?? false,
      };
    });
  const passed = new Set(lessons.filter((l) => l.passed).map((l) => l.lessonId));
  const skills = deps.catalog.skills.map((sk) => {
    const ids = deps.catalog.lessonsOf(sk.id).map((l) => l.id);
    const lessonsPassed = ids.filter((id) => passed.has(id)).length;
    return { skillId: sk.id, lessonsTotal: ids.length, lessonsPassed, mastered: ids.length > 0 && lessonsPassed === ids.length };
  });
  return { lessons, skills };
}
