import { z } from "zod";
import { KEBAB_ID, QUESTION_ID, REF_CODE } from "../constants/patterns.js";

/** Every error answer of the API: a stable English code and a message a person can read. */
export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  /** Where a form's content was refused, field by field (a local lesson). */
  problems: z.array(z.object({ path: z.string(), field: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type ApiError = z.infer<typeof errorSchema>;

export const refCodeSchema = z.string().regex(REF_CODE, "ref code: 1–32 letters, digits, - or _");
export const lessonIdSchema = z.string().regex(KEBAB_ID).max(80);
export const questionIdSchema = z.string().regex(QUESTION_ID);
/** Ids the mini app makes for each event, so that a retried sync is recognised. */
export const clientIdSchema = z.uuid();

export const signInRequestSchema = z.strictObject({
  accessToken: z.string().min(1).max(2048),
  /**
   * The person has just let the mini app read their name (zmp-sdk authorize scope.userInfo): the name Zalo gives
   * is kept from now on. Without it (and no consent before) the person is "Người học".
   */
  userInfoConsent: z.boolean().optional(),
});
export const learnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  refCode: z.string().nullable(),
  /** Whether the name is the person's own (they agreed to share it); false: "Người học". */
  nameSaved: z.boolean(),
});
export type Learner = z.infer<typeof learnerSchema>;
export const signInResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  learner: learnerSchema,
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

/** An option's id (shared/lib/option-id.ts): answers name options, never their shuffled positions. */
export const optionIdSchema = z.string().regex(/^[0-9a-z]{1,16}$/, "an option id");

export const attemptEventSchema = z.strictObject({
  kind: z.literal("attempt"),
  id: clientIdSchema,
  lessonId: lessonIdSchema,
  answers: z
    .array(z.strictObject({ questionId: questionIdSchema, answer: z.array(optionIdSchema).max(10) }))
    .min(1)
    .max(10),
  /** The version of a local lesson the learner answered (its questions may change between versions); none for the shipped course. */
  version: z.number().int().min(1).max(100_000).optional(),
  at: z.iso.datetime({ offset: true }),
});
export const completionEventSchema = z.strictObject({
  kind: z.literal("completion"),
  id: clientIdSchema,
  lessonId: lessonIdSchema,
  at: z.iso.datetime({ offset: true }),
});
export const syncEventSchema = z.discriminatedUnion("kind", [attemptEventSchema, completionEventSchema]);
export type AttemptEvent = z.infer<typeof attemptEventSchema>;
export type CompletionEvent = z.infer<typeof completionEventSchema>;
export type SyncEvent = z.infer<typeof syncEventSchema>;

export const MAX_SYNC_EVENTS = 50;
export const syncRequestSchema = z
  .strictObject({
    events: z.array(syncEventSchema).max(MAX_SYNC_EVENTS),
    ref: refCodeSchema.optional(),
  })
  // Nothing learnt yet but opened through a team's code: the first sync carries the code alone.
  .refine((r) => r.events.length > 0 || r.ref !== undefined, { message: "at least one event, unless the sync only carries a ref code", path: ["events"] });
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const syncResultSchema = z.object({
  id: z.string(),
  status: z.enum(["accepted", "duplicate"]),
  scorePct: z.number().int().optional(),
  passed: z.boolean().optional(),
});
export const syncResponseSchema = z.object({ results: z.array(syncResultSchema) });
export type SyncResponse = z.infer<typeof syncResponseSchema>;

export const lessonProgressSchema = z.object({
  lessonId: z.string(),
  read: z.boolean(),
  attempts: z.number().int(),
  bestScorePct: z.number().int().nullable(),
  passed: z.boolean(),
});
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export const skillProgressSchema = z.object({
  skillId: z.string(),
  lessonsTotal: z.number().int(),
  lessonsPassed: z.number().int(),
  mastered: z.boolean(),
});
export type SkillProgress = z.infer<typeof skillProgressSchema>;
export const progressResponseSchema = z.object({
  lessons: z.array(lessonProgressSchema),
  skills: z.array(skillProgressSchema),
});
export type ProgressResponse = z.infer<typeof progressResponseSchema>;

export const metaResponseSchema = z.object({
  sandbox: z.boolean(),
  miniappId: z.string(),
  passRatio: z.number(),
  /** The Official Account ("Quan tâm OA", "Nhắn tin cho OA": zmp-sdk followOA / openChat). */
  oaId: z.string(),
});
export type MetaResponse = z.infer<typeof metaResponseSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({ status: z.enum(["ok", "down"]), dialect: z.enum(["sqlite", "postgres"]) }),
  oa: z.object({ status: z.enum(["ok", "degraded"]), reason: z.string().optional(), expiresAt: z.string().optional() }),
  /**
   * Whether the mini app is linked to the OA in Zalo's settings: "linked" once a sign-in brought user_id_by_oa,
   * "not_linked" while sign-ins come without it (then news and the chat cannot find the person), "unknown" before any.
   */
  miniappOaLink: z.enum(["linked", "not_linked", "unknown"]),
  /**
   * Webhook events from Zalo: "disabled" when the (in-process) sandbox gave up after its retries, as Zalo disables
   * a failing webhook; "ok" in sandbox mode otherwise; "unknown" with Zalo (it does not say), with the last event's time.
   */
  webhook: z.object({ status: z.enum(["ok", "disabled", "unknown"]), lastEventAt: z.string().nullable() }),
  sandbox: z.boolean(),
});

export const sandboxUserSchema = z.object({ id: z.string(), name: z.string(), idByOA: z.string() });
export type SandboxUser = z.infer<typeof sandboxUserSchema>;
export const sandboxConfigSchema = z.object({
  app_id: z.string(),
  app_secret: z.string(),
  miniapp_id: z.string(),
  oa_id: z.string(),
  oa_secret_key: z.string(),
});
export type SandboxConfig = z.infer<typeof sandboxConfigSchema>;
