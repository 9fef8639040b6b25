import { z } from "zod";
import { HANDS_ON_CODE } from "../constants/assessment.js";
import { QUESTION_KINDS } from "./content.js";

const optionView = z.object({ id: z.string(), text: z.string(), from: z.string().optional() });

/** An attempt as the resident sees it: the questions drawn, their options in this attempt's order, no answers. */
export const assessmentAttemptSchema = z.object({
  attemptId: z.string(),
  skill: z.string(),
  passPercent: z.number().int(),
  startedAt: z.string(),
  questions: z.array(z.object({ id: z.string(), kind: z.enum(QUESTION_KINDS), prompt: z.string(), options: z.array(optionView) })),
});
export type AssessmentAttempt = z.infer<typeof assessmentAttemptSchema>;

export const ATTEMPT_ID = /^[0-9a-f-]{36}$/;

export const assessmentAnswersSchema = z.strictObject({
  answers: z
    .array(z.strictObject({ questionId: z.string().regex(/^q[1-9][0-9]?$/), answer: z.array(z.string().min(1).max(20)).max(6) }))
    .min(1)
    .max(40),
});
export type AssessmentAnswers = z.infer<typeof assessmentAnswersSchema>;

const taskStatus = z.object({
  id: z.string(),
  title: z.string(),
  watch: z.string(),
  /** When a member confirmed it, and their team's name; null until then. */
  confirmedAt: z.string().nullable(),
  team: z.string().nullable(),
});

/** Where a resident stands in completing a skill: the assessment, the hands-on tasks, and the certificate. */
export const skillCompletionSchema = z.object({
  skill: z.string(),
  skillTitle: z.string(),
  core: z.boolean(),
  assessment: z.object({
    questions: z.number().int(),
    passPercent: z.number().int(),
    passed: z.boolean(),
    /** The best score so far, in percent; null before any attempt was graded. */
    bestPct: z.number().int().nullable(),
    /** An attempt begun and not yet submitted (resumed as it was). */
    openAttempt: z.string().nullable(),
    /** When the next attempt may begin; null when it may now (or the assessment is passed). */
    nextAttemptAt: z.string().nullable(),
    attemptsLeftToday: z.number().int(),
  }),
  tasks: z.array(taskStatus),
  completed: z.boolean(),
  certificate: z.object({ code: z.string(), status: z.enum(["valid", "revoked"]) }).nullable(),
});
export type SkillCompletion = z.infer<typeof skillCompletionSchema>;

export const completionsSchema = z.object({ skills: z.array(skillCompletionSchema) });

export const assessmentResultSchema = z.object({
  correct: z.number().int(),
  total: z.number().int(),
  scorePct: z.number().int(),
  passPercent: z.number().int(),
  passed: z.boolean(),
  /** Per question: whether it was right, and the explanation of each option the resident chose. */
  questions: z.array(
    z.object({ id: z.string(), prompt: z.string(), correct: z.boolean(), chosen: z.array(z.object({ text: z.string(), explain: z.string() })) }),
  ),
  completion: skillCompletionSchema,
});
export type AssessmentResult = z.infer<typeof assessmentResultSchema>;

export const handsOnCodeRequestSchema = z.strictObject({ consentVersion: z.string().min(1).max(20) });
export const handsOnCodeSchema = z.object({ code: z.string(), expiresAt: z.string(), skill: z.string() });
export type HandsOnCode = z.infer<typeof handsOnCodeSchema>;
export const handsOnCodeParam = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(HANDS_ON_CODE, "a code of 6 letters and digits"));

/** What a member sees after typing or scanning a resident's code: whose tasks (name shortened), and which are confirmed. */
export const handsOnPreviewSchema = z.object({
  code: z.string(),
  resident: z.string(),
  skill: z.string(),
  skillTitle: z.string(),
  expiresAt: z.string(),
  tasks: z.array(taskStatus),
  /** What the household ledger records the resident can now do already (outcome kind ids). */
  outcomes: z.array(z.string()),
});
export type HandsOnPreview = z.infer<typeof handsOnPreviewSchema>;

export const handsOnConfirmSchema = z.strictObject({
  tasks: z
    .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
    .min(1)
    .max(5),
});

export const certificateClaimSchema = z.strictObject({
  skill: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** The name to print, as the resident gives it. */
  name: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[\p{L}\p{M} .'-]+$/u, "letters only"),
});

export const myCertificateSchema = z.object({
  code: z.string(),
  skill: z.string(),
  skillTitle: z.string(),
  name: z.string(),
  issuedOn: z.string(),
  status: z.enum(["valid", "revoked"]),
  revokeReason: z.string().nullable(),
  verifyUrl: z.string(),
});
export const myCertificatesSchema = z.object({ certificates: z.array(myCertificateSchema) });
export type MyCertificate = z.infer<typeof myCertificateSchema>;
