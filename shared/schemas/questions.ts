import { z } from "zod";

/** Text an official writes for residents: trimmed, tone marks composed (NFC), never empty. */
const residentText = (min: number, max: number, what: string) =>
  z
    .string()
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(min, `${what} cần ít nhất ${min} ký tự.`).max(max, `${what} tối đa ${max} ký tự.`));

/** POST /api/v1/admin/questions/:id/answer — an official's answer to a resident's question. */
export const questionAnswerSchema = z.strictObject({ text: residentText(10, 1000, "Câu trả lời") });
export type QuestionAnswer = z.infer<typeof questionAnswerSchema>;

/** An area's Hỏi đáp entry as an official writes it (checked like the shipped Hỏi đáp on every save). */
export const areaFaqDraftSchema = z.strictObject({
  question: residentText(5, 200, "Câu hỏi"),
  /** Other ways residents ask it: the chatbot matches these too. */
  variants: z
    .array(residentText(3, 200, "Cách hỏi khác"))
    .max(8, "Tối đa 8 cách hỏi khác.")
    .default([]),
  answer: residentText(10, 1000, "Câu trả lời"),
  /** A lesson of the course the answer points to ("Xem bài học"), or none. */
  lesson: z.string().max(80).nullable().default(null),
});
export type AreaFaqDraft = z.infer<typeof areaFaqDraftSchema>;

/** POST /api/v1/admin/questions/:id/faq — "Thêm vào Hỏi đáp": for the question's commune or its province. */
export const areaFaqFromQuestionSchema = areaFaqDraftSchema.extend({ scope: z.enum(["commune", "province"]).default("commune") });

/** The entry's updatedAt as it was read (an ISO time). */
const seenSchema = z.iso.datetime({ offset: true });

/** PATCH /api/v1/admin/faq/:id — edit, withdraw or (operator) promote to everyone; `seen` is the updatedAt read. */
export const areaFaqChangeSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("edit"), seen: seenSchema, entry: areaFaqDraftSchema }),
  z.strictObject({ action: z.literal("withdraw"), seen: seenSchema }),
  z.strictObject({ action: z.literal("restore"), seen: seenSchema }),
  z.strictObject({ action: z.literal("promote"), seen: seenSchema }),
]);
export type AreaFaqChange = z.infer<typeof areaFaqChangeSchema>;

export const areaFaqEntrySchema = z.object({
  id: z.string(),
  areaCode: z.string(),
  /** The commune's or province's name, or "Toàn quốc" once promoted. */
  areaName: z.string(),
  question: z.string(),
  variants: z.array(z.string()),
  answer: z.string(),
  lesson: z.string().nullable(),
  status: z.enum(["active", "withdrawn"]),
  sourceQuestionId: z.number().nullable(),
  promotedFrom: z.string().nullable(),
  updatedAt: z.string(),
});
export type AreaFaqEntryView = z.infer<typeof areaFaqEntrySchema>;
export const areaFaqListSchema = z.object({ entries: z.array(areaFaqEntrySchema) });
/** POST …/questions/:id/faq and PATCH /api/v1/admin/faq/:id: the entry as saved. */
export const areaFaqSavedSchema = z.object({ entry: areaFaqEntrySchema });

/** Where an official's answer is: pushed through the OA, waiting for the resident to write (or read it in Tin mới). */
export const answerStateSchema = z.enum(["sent", "held", "read", "cancelled"]);

export const questionSchema = z.object({
  id: z.number(),
  text: z.string(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  bestMatch: z.string().nullable(),
  askedAt: z.string(),
  answer: z
    .object({ text: z.string(), answeredBy: z.string(), answeredAt: z.string(), state: answerStateSchema, faqEntryId: z.string().nullable() })
    .nullable(),
});
/** GET /api/v1/admin/questions?status=open|answered. */
export const questionListSchema = z.object({ questions: z.array(questionSchema) });

/** POST …/answer: the question as it now stands, and how the answer went. */
export const questionAnsweredSchema = z.object({ question: questionSchema });

/** GET /api/v1/admin/questions/stats. */
export const questionStatsSchema = z.object({
  asked: z.number(),
  answeredByBot: z.number(),
  answeredByOfficials: z.number(),
  waiting: z.number(),
  /** Median hours from question to an official's answer; null before the first answer. */
  medianHoursToAnswer: z.number().nullable(),
});
export type QuestionStats = z.infer<typeof questionStatsSchema>;
