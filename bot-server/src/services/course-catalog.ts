import type { Course } from "../../../shared/content-loader.js";
import type { Lesson, Question, Skill } from "../../../shared/schemas/content.js";

export interface CourseCatalog {
  skills: Skill[];
  lesson(id: string): Lesson | undefined;
  question(lesson: Lesson, questionId: string): Question | undefined;
  lessonsOf(skillId: string): Lesson[];
  /** The course's {{vars}}: local lessons use them too. */
  vars: Record<string, string>;
}

export function courseCatalog(course: Course): CourseCatalog {
  const lessons = new Map(course.lessons.map((l) => [l.id, l]));
  const questions = new Map(course.lessons.map((l) => [l.id, new Map(l.quiz.map((q) => [q.id, q]))]));
  const bySkill = new Map(course.skills.map((s) => [s.id, course.lessons.filter((l) => l.skill === s.id)]));
  return {
    skills: course.skills,
    lesson: (id) => lessons.get(id),
    question: (lesson, qid) => questions.get(lesson.id)?.get(qid),
    lessonsOf: (skillId) => bySkill.get(skillId) ?? [],
    vars: course.vars,
  };
}
