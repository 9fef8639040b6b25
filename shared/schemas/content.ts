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
export type OptionSource = z.infer<typeof optionSchema>;
/** An option as the apps see it: with its id, which answers carry (never its position, which is shuffled). */
export type QuizOption = OptionSource & { id: string };

export const questionSchema = z.strictObject({
  id: z.string().regex(QUESTION_ID, "must be q1, q2, …"),
  kind: z.enum(QUESTION_KINDS),
  prompt: text,
  options: z.array(optionSchema).min(2).max(6),
});
export type QuestionSource = z.infer<typeof questionSchema>;
export type Question = Omit<QuestionSource, "options"> & { options: QuizOption[] };

/** A lesson step whose `image` names a picture as the lesson's kind does: a shipped SVG, or an uploaded photo. */
export const stepSchemaWith = (image: z.ZodString) =>
  z
    .strictObject({
      title: text,
      text,
      image: image.optional(),
      alt: text.optional(),
      note: text.optional(),
    })
    .refine((s) => !s.image || !!s.alt, { message: "a step with an image needs alt text", path: ["alt"] });
export const stepSchema = stepSchemaWith(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\.svg$/, "must be <skill>/<name>.svg"));
export type Step = z.infer<typeof stepSchema>;

/** For the tổ member who teaches the lesson door to door; members see them in the mini app, and as a printed A4 page. */
export const teacherNotesSchema = z.strictObject({
  /** What to show on the resident's own phone. */
  show: z.array(text).min(1).max(5),
  /** Mistakes residents commonly make here. */
  mistakes: z.array(text).min(1).max(5),
  /** The hands-on task that proves the resident can do it. */
  handsOn: text,
  /** Where each fact of the lesson comes from: laws, decrees, official pages (numbers of legal texts belong here, not in the lesson). */
  sources: z.array(text).min(1).max(10),
});
export type TeacherNotes = z.infer<typeof teacherNotesSchema>;

/** A competence of the resident framework, "4.2": its area's code, a dot, its number. Quoted in YAML ("4.2"). */
const competenceCode = z.string({ error: 'a competence code such as "4.2", in quotes' }).regex(/^\d+\.\d+$/, 'a competence code such as "4.2"');

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
  /** Codes of shared/content/competences.yaml (757/QĐ-BKHCN, Phụ lục I) this lesson really teaches, 1 to 4. */
  competences: z.array(competenceCode).min(1).max(4),
  teacherNotes: teacherNotesSchema.optional(),
});
export type LessonSource = z.infer<typeof lessonSchema>;

/** A question of a skill's final assessment: a lesson question's shape, plus the lesson that teaches it and what it assesses. */
export const assessmentQuestionSchema = questionSchema.extend({
  /** The shipped lesson of the skill whose steps teach the fact (its teacher notes carry the source). */
  lesson: id,
  /** Codes of competences.yaml this question assesses, 1 to 3. */
  competences: z.array(competenceCode).min(1).max(3),
});
export type AssessmentQuestionSource = z.infer<typeof assessmentQuestionSchema>;
export type AssessmentQuestion = Omit<AssessmentQuestionSource, "options"> & { options: QuizOption[] };

/** A hands-on task a tổ member watches the resident do on the resident's own phone, then confirms. */
export const handsOnTaskSchema = z.strictObject({
  id,
  title: text,
  /** What the member looks for to confirm it was done right, without seeing or noting personal data. */
  watch: text,
  lesson: id,
  competences: z.array(competenceCode).min(1).max(3),
});
export type HandsOnTask = z.infer<typeof handsOnTaskSchema>;

/** shared/content/assessments/<skill>.yaml: a skill's final assessment bank and its hands-on tasks. */
export const assessmentSchema = z.strictObject({
  skill: id,
  tasks: z.array(handsOnTaskSchema).min(3).max(5),
  questions: z.array(assessmentQuestionSchema).min(1).max(60),
});
export type AssessmentSource = z.infer<typeof assessmentSchema>;
export type Assessment = Omit<AssessmentSource, "questions"> & { questions: AssessmentQuestion[] };
export type Lesson = Omit<LessonSource, "quiz"> & { quiz: Question[] };

/** What the mini app's home screen needs about each lesson, without its steps. */
export type LessonSummary = Pick<Lesson, "id" | "skill" | "order" | "title" | "summary" | "minutes"> & {
  questions: number;
};

export type SkillWithLessons = Skill & { lessons: LessonSummary[] };

/** One entry of the OA chatbot's Hỏi đáp, written from the lessons; `lesson` is the lesson that teaches it. */
/** A word of "Từ ngữ cần biết" (glossary.yaml): marked where lessons use it, explained on a tap. */
export const glossaryEntrySchema = z.strictObject({
  id,
  term: text,
  aliases: z.array(text).max(6),
  definition: text,
});
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

/** How the machine voice says a word it cannot read as written (shared/content/pronunciation.yaml). */
export const pronunciationSchema = z.strictObject({ written: z.string().min(1).max(40), spoken: z.string().min(1).max(80) });
export type Pronunciation = z.infer<typeof pronunciationSchema>;

export const faqEntrySchema = z.strictObject({
  id,
  question: text,
  variants: z.array(text).min(1).max(12),
  answer: text,
  lesson: id,
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

/** A competence of the resident framework (competences.yaml); `confirmed: false` when its code or name is not read in a published text. */
export const competenceSchema = z.strictObject({
  code: competenceCode,
  title: text,
  confirmed: z.boolean(),
});
export type Competence = z.infer<typeof competenceSchema>;

/** An area of "Khung kiến thức, kỹ năng số cơ bản" (757/QĐ-BKHCN, Phụ lục I), with where its wording comes from. */
export const competenceAreaSchema = z.strictObject({
  code: z.string({ error: 'an area code such as "4", in quotes' }).regex(/^\d+$/, 'an area code such as "4"'),
  title: text,
  confirmed: z.boolean(),
  source: text,
  competences: z.array(competenceSchema).min(1),
});
export type CompetenceArea = z.infer<typeof competenceAreaSchema>;
