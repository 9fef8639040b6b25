import { z } from "zod";
import { lessonIdSchema, refCodeSchema } from "./api.js";

/** What a poster comes as: an A4 page to print, or a square picture to post in a Zalo group. */
export const POSTER_FORMATS = ["pdf", "png"] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];

export const posterLessonParamsSchema = z.strictObject({ lessonId: lessonIdSchema });
export const posterSkillParamsSchema = z.strictObject({ skillId: lessonIdSchema });

/**
 * `?ref=<code>`: the team's or member's ref code, carried by the poster's QR code into the mini app. The rule is
 * refCodeSchema's; the message is for the person who typed the link. Other query parameters (a messenger's
 * tracking tags) are ignored.
 */
const BAD_REF = "mã giới thiệu chỉ gồm 1 đến 32 chữ cái không dấu, chữ số, dấu gạch ngang (-) hoặc gạch dưới (_)";
export const posterQuerySchema = z.object({
  ref: z
    .string({ error: BAD_REF }) // also ?ref=a&ref=b
    .refine((v) => refCodeSchema.safeParse(v).success, { error: BAD_REF })
    .optional()
    .describe("The team's or member's ref code (1–32 of A–Z, a–z, 0–9, - and _)"),
});
export type PosterQuery = z.infer<typeof posterQuerySchema>;
