import { z } from "zod";
import { KEBAB_ID, QUESTION_ID } from "../constants/patterns.js";

export const QUESTION_KINDS = ["single", "multiple", "true-false", "order", "spot-scam"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const id = z.string().regex(KEBAB_ID, "must be kebab-case ASCII");
const text = z.string().trim().min(1);

export const skillSchema = z.strictObject({
  id,
  title: text,
  short: text,
  description: text,
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  core: z.boolean(),
});
export type Skill = z.infer<typeof skillSchema>;

export const optionSchema = z.strictObject({
  text,
  explain: text,
  correct: z.boolean().optional(),
  from: text.optional(),
});
export type QuizOption = z.infer<typeof optionSchema>;

export const questionSchema = z.strictObject({
  id: z.string().regex(QUESTION_ID, "must be q1, q2, …"),
  kind: z.enum(QUESTION_KINDS),
  prompt: text,
  options: z.array(optionSchema).min(2).max(6),
});
export type Question = z.infer<typeof questionSchema>;

export const stepSchema = z
  .strictObject({
    title: text,
    text,
    image: z
      .string()
      .regex(/^[a-z0-9-]+\/[a-z0-9-]+\.svg$/, "must be <skill>/<name>.svg")
      .optional(),
    alt: text.optional(),
    note: text.optional(),
  })
  .refine((s) => !s.image || !!s.alt, { message: "a step with an image needs alt text", path: ["alt"] });
export type Step = z.infer<typeof stepSchema>;

export const lessonSchema = z.strictObject({
  id,
  skill: id,
  order: z.number().int().min(1).max(99),
  title: text,
  summary: text,
  minutes: z.number().int().min(2).max(15),
  keySteps: z.array(text).min(3).max(5),
  steps: z.array(stepSchema).min(3).max(8),
  quiz: z.array(questionSchema).min(3).max(6),
});
export type Lesson = z.infer<typeof lessonSchema>;

/** What the mini app's home screen needs about each lesson, without its steps. */
export type LessonSummary = Pick<Lesson, "id" | "skill" | "order" | "title" | "summary" | "minutes"> & {
  questions: number;
};

export type SkillWithLessons = Skill & { lessons: LessonSummary[] };

/** One entry of the OA chatbot's Hỏi đáp, written from the lessons; `lesson` is the lesson that teaches it. */
export const faqEntrySchema = z.strictObject({
  id,
  question: text,
  variants: z.array(text).min(1).max(8),
  answer: text,
  lesson: id,
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;
