import { z } from "zod";

/** Messages of Zalo's OA OpenAPI v3 that this project sends; the sandbox validates them with the same schemas. */

export const MAX_TEXT_CHARS = 2000;
export const MAX_BUTTONS = 5;

export const oaButtonSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("oa.open.url"),
    title: z.string().min(1).max(100),
    payload: z.strictObject({ url: z.url({ protocol: /^https?$/ }) }),
  }),
  z.strictObject({ type: z.literal("oa.query.show"), title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal("oa.query.hide"), title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal("oa.open.phone"), title: z.string().min(1).max(100), payload: z.strictObject({ phone_code: z.string().min(1) }) }),
  z.strictObject({
    type: z.literal("oa.open.sms"),
    title: z.string().min(1).max(100),
    payload: z.strictObject({ content: z.string().min(1), phone_code: z.string().min(1) }),
  }),
]);
export type OaButton = z.infer<typeof oaButtonSchema>;

export const oaMessageSchema = z.strictObject({
  text: z.string().min(1).max(MAX_TEXT_CHARS).optional(),
  attachment: z
    .strictObject({
      type: z.literal("template"),
      payload: z.looseObject({
        template_type: z.string().optional(),
        elements: z.array(z.looseObject({ title: z.string().optional() })).optional(),
        buttons: z.array(oaButtonSchema).max(MAX_BUTTONS).optional(),
      }),
    })
    .optional(),
});
export type OaMessage = z.infer<typeof oaMessageSchema>;

export const MESSAGE_KINDS = ["cs", "transaction", "promotion"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const oaSendRequestSchema = z.strictObject({
  recipient: z.strictObject({ user_id: z.string().min(1) }),
  message: oaMessageSchema,
});
