declare module "virtual:course-index" {
  import type { SkillWithLessons } from "../../shared/schemas/content";
  export const skills: SkillWithLessons[];
  export const glossary: import("../../shared/schemas/content").GlossaryEntry[];
  export const skillLoaders: Record<string, () => Promise<{ lessons: import("../../shared/schemas/content").Lesson[] }>>;
}
