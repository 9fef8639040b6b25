import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { webhookAckSchema } from "../../../shared/schemas/responses/webhook.js";
import { badRequest, unauthorized } from "../lib/errors.js";
import { maskIdNumbers } from "../../../shared/lib/id-numbers.js";
import { stripUnsafeControls } from "../../../shared/lib/unsafe-text.js";
import { verifyWebhookSignature, webhookEventKey } from "../zalo/webhook-signature.js";

declare module "fastify" {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

/** Clocks differ a little; an event from the future beyond this is not Zalo's. */
const FUTURE_SKEW_MS = 10 * 60_000;

const eventSchema = z.looseObject({
  app_id: z.union([z.string(), z.number()]).transform(String),
  event_name: z.string().min(1).max(100),
  timestamp: z.union([z.string(), z.number()]).transform(String),
});

function maskChatNumbers(body: Record<string, unknown>): Record<string, unknown> {
  const message = body.message as { text?: unknown } | undefined;
  if (!message || typeof message !== "object" || typeof message.text !== "string") return body;
  const text = maskIdNumbers(message.text);
  return text === message.text ? body : { ...body, message: { ...message, text } };
}

/**
 * What is stored of an event: as Zalo sent it, but a phone number the person shared (user_submit_info, Zalo's
 * request_user_info form) is dropped before it reaches the database. The app keeps no phone numbers.
 */
export function storedPayload(body: Record<string, unknown>, raw: Buffer): string {
  // NUL, other controls and broken surrogates are dropped from what Zalo sent: the event is still answered, and
  // it stores the same on both databases (PostgreSQL refuses NUL in text). A phone or ID number typed in the chat
  // is masked, so that neither the inbox nor officials' open questions keep it.
  const clean = maskChatNumbers(stripUnsafeControls(body));
  const info = clean.info;
  if (!info || typeof info !== "object" || !("phone" in info)) return clean === body ? raw.toString("utf8") : JSON.stringify(clean);
  const { phone: _dropped, ...rest } = info as Record<string, unknown>;
  return JSON.stringify({ ...clean, info: rest });
}

/**
 * POST /webhooks/zalo: verify Zalo's signature on the raw bytes, store the event once in the inbox, queue it,
 * and answer 200 at once (Zalo allows 2 s). Processing happens in the job queue, with retries.
 */
export async function webhookRoutes(app: FastifyInstance, opts: { maxAgeHours: number }): Promise<void> {
  // The signature covers the bytes Zalo sent: keep them as they came, parse them ourselves.
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
    req.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString("utf8")));
    } catch {
      done(badRequest("malformed_json", "Dữ liệu JSON không đọc được."), undefined);
    }
  });

  app.post(
    "/webhooks/zalo",
    {
      schema: {
        tags: ["zalo"],
        summary: "Zalo OA webhook (signed with X-ZEvent-Signature)",
        response: { 200: webhookAckSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req) => {
      const ids = app.zalo.ids;
      const parsed = eventSchema.safeParse(req.body);
      if (!parsed.success || !req.rawBody) throw badRequest("invalid_event", "Sự kiện không đúng định dạng của Zalo.");
      const ev = parsed.data;
      const header = req.headers["x-zevent-signature"];
      if (
        ev.app_id !== ids.appId ||
        !verifyWebhookSignature(typeof header === "string" ? header : undefined, ids.appId, req.rawBody, ev.timestamp, ids.oaSecretKey)
      ) {
        throw unauthorized("invalid_signature", "Chữ ký sự kiện không hợp lệ.");
      }
      // A signed event far from now is a replay (Zalo retries for about 12 hours, zalo-platform.md): logged, refused.
      const sent = Number(ev.timestamp);
      const nowMs = app.services.clock.now().getTime();
      if (!Number.isFinite(sent) || sent < nowMs - opts.maxAgeHours * 3600_000 || sent > nowMs + FUTURE_SKEW_MS) {
        req.log.warn({ event: ev.event_name, timestamp: ev.timestamp }, "webhook event refused: its timestamp is far from now (a replay?)");
        throw badRequest("stale_event", "Sự kiện quá cũ hoặc có thời điểm không hợp lệ.");
      }
      const now = new Date(nowMs).toISOString();
      // Stored (with the events that arrived at the same moment, in one commit) and queued before Zalo gets its 200.
      const inboxId = await app.inbox.store({
        event_key: webhookEventKey(ev.event_name, req.body as Record<string, unknown>, req.rawBody),
        event_name: ev.event_name,
        payload: storedPayload(req.body as Record<string, unknown>, req.rawBody),
        status: "pending",
        last_error: null,
        received_at: now,
        processed_at: null,
      });
      return { received: true, duplicate: inboxId === null };
    },
  );
}
