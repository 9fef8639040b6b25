import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";
import { CONTENT_ROOT, loadCourseOrThrow, type Course } from "../shared/content-loader.js";
import type { Lesson, SkillWithLessons } from "../shared/schemas/content.js";

const INDEX_ID = "virtual:course-index";
const SKILL_PREFIX = "virtual:course/";

function svgDataUri(file: string): string {
  const svg = readFileSync(join(CONTENT_ROOT, "images", file), "utf8")
    .replace(/\s+/g, " ")
    .trim();
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Ships the course inside the app: `virtual:course-index` holds the skills and lesson titles for the first
 * screen, and `virtual:course/<skill>` one chunk per skill with its lessons and illustrations inlined, so a
 * lesson once opened keeps working offline. The content is validated at build time; a bad lesson fails the build.
 */
export function coursePlugin(): Plugin {
  let course: Course;
  return {
    name: "ksc-course",
    buildStart() {
      course = loadCourseOrThrow();
      for (const f of ["skills.yaml", "vars.yaml"]) this.addWatchFile(join(CONTENT_ROOT, f));
    },
    resolveId(id) {
      if (id === INDEX_ID || id.startsWith(SKILL_PREFIX)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === `\0${INDEX_ID}`) {
        const skills: SkillWithLessons[] = course.skills.map((s) => ({
          ...s,
          lessons: course.lessons
            .filter((l) => l.skill === s.id)
            .map((l) => ({ id: l.id, skill: l.skill, order: l.order, title: l.title, summary: l.summary, minutes: l.minutes, questions: l.quiz.length })),
        }));
        const loaders = course.skills.map((s) => `${JSON.stringify(s.id)}: () => import(${JSON.stringify(SKILL_PREFIX + s.id)})`);
        return `export const skills = ${JSON.stringify(skills)};\nexport const glossary = ${JSON.stringify(course.glossary)};\nexport const skillLoaders = {${loaders.join(",")}};\n`;
      }
      if (id.startsWith(`\0${SKILL_PREFIX}`)) {
        const skillId = id.slice(SKILL_PREFIX.length + 1);
        const lessons: Lesson[] = course.lessons
          .filter((l) => l.skill === skillId)
          .map((l) => ({ ...l, steps: l.steps.map((s) => (s.image ? { ...s, image: svgDataUri(s.image) } : s)) }));
        return `export const lessons = ${JSON.stringify(lessons)};\n`;
      }
      return null;
    },
  };
}
