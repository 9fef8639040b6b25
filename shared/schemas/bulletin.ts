import { z } from "zod";
import { lessonIdSchema } from "./api.js";
import { areaCodeSchema } from "./admin.js";

export const bulletinClassSchema = z.enum(["thuong", "uu_tien", "khan_cap"]);

/** POST /api/v1/admin/bulletins: a draft made from a lesson, a campaign, or a week's news of a commune. */
export const bulletinCreateSchema = z.strictObject({
  areaCode: areaCodeSchema.refine((c) => c !== "", "a commune or a province"),
  source: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("lesson"), lessonId: lessonIdSchema }),
    z.strictObject({ kind: z.literal("campaign"), campaignId: z.number().int().positive() }),
    z.strictObject({ kind: z.literal("week") }),
  ]),
  class: bulletinClassSchema.default("thuong"),
});
export type BulletinCreate = z.infer<typeof bulletinCreateSchema>;

const text = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(min).max(max));

/** PATCH /api/v1/admin/bulletins/:id: edit a draft, make its machine voice, submit, approve or cancel. */
export const bulletinChangeSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("edit"), title: text(3, 120), script: text(20, 6000), class: bulletinClassSchema }),
  z.strictObject({ action: z.literal("voice") }),
  z.strictObject({ action: z.literal("submit") }),
  z.strictObject({ action: z.literal("approve") }),
  z.strictObject({ action: z.literal("cancel") }),
]);
export type BulletinChange = z.infer<typeof bulletinChangeSchema>;

export const bulletinSchema = z.object({
  id: z.number(),
  areaCode: z.string(),
  areaName: z.string(),
  source: z.object({ kind: z.enum(["lesson", "campaign", "week"]), ref: z.string() }),
  title: z.string(),
  script: z.string(),
  class: bulletinClassSchema,
  /** What is wrong with the script for listening (links, long sentences); empty when nothing. */
  problems: z.array(z.string()),
  audio: z.object({ machine: z.boolean(), seconds: z.number(), mp3: z.string() }).nullable(),
  status: z.enum(["draft", "awaiting_approval", "approved", "cancelled"]),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type BulletinView = z.infer<typeof bulletinSchema>;
export const bulletinListSchema = z.object({ bulletins: z.array(bulletinSchema) });
export const bulletinSavedSchema = z.object({ bulletin: bulletinSchema });
