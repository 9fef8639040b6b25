import { z } from "zod";
import { MAX_BUTTONS, MAX_TEXT_CHARS } from "../constants/zalo.js";

/**
 * Messages of Zalo's OA OpenAPI v3 that this project sends; the sandbox validates them with the same schemas and
 * answers -201 for anything else. Shapes from Zalo's own SDKs: zaloplatform/zalo-java-sdk src/test/java/v3
 * (SendImageCSMessage, SendRequestUserInfoCSMessage, SendPromotionMessage, SendFileCSMessage) and
 * zalo-php-sdk src/Builder/MessageBuilder.php; the button template (text + buttons) from daopk/zaloapi
 * packages/oa/src/message.ts (ZaloOAButtonTemplatePayload, template_type optional).
 */

const title = z.string().min(1).max(100);
const httpUrl = z.url({ protocol: /^https?$/ });

export const oaButtonSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("oa.open.url"), title, payload: z.strictObject({ url: httpUrl }) }),
  z.strictObject({ type: z.literal("oa.query.show"), title, payload: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal("oa.query.hide"), title, payload: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal("oa.open.phone"), title, payload: z.strictObject({ phone_code: z.string().min(1) }) }),
  z.strictObject({ type: z.literal("oa.open.sms"), title, payload: z.strictObject({ content: z.string().min(1), phone_code: z.string().min(1) }) }),
]);
export type OaButton = z.infer<typeof oaButtonSchema>;

/** Promotion buttons may carry an icon (Java SDK SendPromotionMessage: image_icon). */
const promotionButtonSchema = z.union(oaButtonSchema.options.map((o) => o.extend({ image_icon: z.string().max(1000).optional() })));

const text = z.string().min(1).max(MAX_TEXT_CHARS);

const mediaElement = z
  .strictObject({
    media_type: z.enum(["image", "gif", "sticker"]),
    url: httpUrl.optional(),
    attachment_id: z.string().min(1).optional(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
  })
  .refine((e) => (e.url === undefined) !== (e.attachment_id === undefined), "a media element has a url or an attachment_id");

const template = <P extends z.ZodType>(payload: P) => z.strictObject({ type: z.literal("template"), payload });

/** What /v3.0/oa/message/cs takes: text, an image (media), a request for the user's info, text with buttons, a file. */
export const csMessageSchema = z.union([
  z.strictObject({ text }),
  z.strictObject({
    text: text.optional(),
    attachment: template(z.strictObject({ template_type: z.literal("media"), elements: z.array(mediaElement).length(1) })),
  }),
  z.strictObject({
    attachment: template(
      z.strictObject({
        template_type: z.literal("request_user_info"),
        elements: z.array(z.strictObject({ title, subtitle: z.string().min(1).max(500), image_url: httpUrl })).length(1),
      }),
    ),
  }),
  z.strictObject({
    text,
    attachment: template(z.strictObject({ template_type: z.literal("button").optional(), buttons: z.array(oaButtonSchema).min(1).max(MAX_BUTTONS) })),
  }),
  z.strictObject({ attachment: z.strictObject({ type: z.literal("file"), payload: z.strictObject({ token: z.string().min(1) }) }) }),
]);

const align = z.enum(["left", "center", "right"]).optional();
export const promotionElementSchema = z.discriminatedUnion("type", [
  z
    .strictObject({ type: z.literal("banner"), image_url: httpUrl.optional(), attachment_id: z.string().min(1).optional() })
    .refine((e) => (e.image_url === undefined) !== (e.attachment_id === undefined), "a banner has an image_url or an attachment_id"),
  z.strictObject({ type: z.literal("header"), content: title, align }),
  z.strictObject({ type: z.literal("text"), content: text, align }),
  z.strictObject({
    type: z.literal("table"),
    content: z
      .array(
        z.strictObject({
          key: z.string().min(1).max(100),
          value: z.string().min(1).max(100),
          style: z.enum(["green", "blue", "yellow", "red", "grey"]).optional(),
        }),
      )
      .min(1)
      .max(5),
  }),
]);

/**
 * /v3.0/oa/message/promotion takes only the promotion template (plain text is refused): banner, header, text and
 * table elements and up to 5 buttons. `language` is sent by daopk/zaloapi, not by Zalo's SDKs: optional.
 */
export const promotionMessageSchema = z.strictObject({
  attachment: template(
    z.strictObject({
      template_type: z.literal("promotion"),
      language: z.enum(["VI", "EN"]).optional(),
      elements: z.array(promotionElementSchema).min(1).max(5),
      buttons: z.array(promotionButtonSchema).max(MAX_BUTTONS).optional(),
    }),
  ),
});

/** /v3.0/oa/message/transaction: the transaction_* templates (Java SDK SendTransactionMessage, language "VI"). */
export const transactionMessageSchema = z.strictObject({
  attachment: template(
    z.strictObject({
      template_type: z.string().regex(/^transaction_[a-z]+$/),
      language: z.enum(["VI", "EN"]).optional(),
      elements: z.array(promotionElementSchema).min(1).max(5),
      buttons: z.array(promotionButtonSchema).max(MAX_BUTTONS).optional(),
    }),
  ),
});

export const MESSAGE_KINDS = ["cs", "transaction", "promotion"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const messageSchemaFor: Record<MessageKind, z.ZodType> = {
  cs: csMessageSchema,
  promotion: promotionMessageSchema,
  transaction: transactionMessageSchema,
};

/** Any message this project sends (previews and stored messages); Zalo's rules per kind are the schemas above. */
export const oaMessageSchema = z.union([csMessageSchema, promotionMessageSchema, transactionMessageSchema]);

/** The shape code reads messages through (a loose view of the union above). */
export interface OaMessage {
  text?: string;
  attachment?: {
    type: "template" | "file";
    payload: {
      template_type?: string;
      elements?: Record<string, unknown>[];
      buttons?: OaButton[];
      [k: string]: unknown;
    };
  };
}

/** A follower (user_id) or, for someone writing without following, Zalo's anonymous recipient (Java SDK SendTextAnonymousMessage). */
export const recipientSchema = z.union([
  z.strictObject({ user_id: z.string().min(1) }),
  z.strictObject({ anonymous_id: z.string().min(1), conversation_id: z.string().min(1) }),
]);

export const oaSendRequestSchema = (kind: MessageKind) => z.strictObject({ recipient: recipientSchema, message: messageSchemaFor[kind] });

/** Messages in API answers (previews): the loose view; what Zalo accepts is checked by the schemas above. */
export const oaMessageViewSchema = z.looseObject({
  text: z.string().optional(),
  attachment: z.looseObject({ type: z.enum(["template", "file"]), payload: z.looseObject({}) }).optional(),
}) as unknown as z.ZodType<OaMessage>;
