import { skillLoaders, skills } from "virtual:course-index";
import type { Lesson, LessonSummary, SkillWithLessons } from "../../../shared/schemas/content";
import type { LocalLessonProgress } from "../state/store";

export { skills };

const loaded = new Map<string, Promise<Lesson[]>>();

/** Loads one skill's lessons (a separate chunk shipped with the app); each skill is fetched once. */
export function loadSkill(skillId: string): Promise<Lesson[]> {
  let p = loaded.get(skillId);
  if (!p) {
    const loader = skillLoaders[skillId];
    p = loader ? loader().then((m) => m.lessons) : Promise.resolve([]);
    p.catch(() => loaded.delete(skillId));
    loaded.set(skillId, p);
  }
  return p;
}

/** After the first screen, quietly load the other skills so that lessons open offline later. */
export function prefetchSkills(): void {
  const run = () => skills.forEach((s) => void loadSkill(s.id).catch(() => undefined));
  if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 2000);
}

export function findSkill(skillId: string): SkillWithLessons | undefined {
  return skills.find((s) => s.id === skillId);
}

export function summaryOf(l: Lesson): LessonSummary {
  return { id: l.id, skill: l.skill, order: l.order, title: l.title, summary: l.summary, minutes: l.minutes, questions: l.quiz.length };
}

/** A lesson of the shipped course (lib/lessons.ts finds local lessons too). */
export function findLessonSummary(lessonId: string): LessonSummary | undefined {
  for (const s of skills) {
    const l = s.lessons.find((x) => x.id === lessonId);
    if (l) return l;
  }
  return undefined;
}

/** The lesson after this one in the course, across skills. */
export function nextLessonAfter(lessonId: string): LessonSummary | undefined {
  const all = skills.flatMap((s) => s.lessons);
  const i = all.findIndex((l) => l.id === lessonId);
  return i >= 0 ? all[i + 1] : undefined;
}

/** Where "Học tiếp" leads: the first lesson, in course order, not yet passed. */
export function nextLessonToLearn(progress: Record<string, LocalLessonProgress>): LessonSummary | undefined {
  return skills.flatMap((s) => s.lessons).find((l) => !progress[l.id]?.passed);
}
