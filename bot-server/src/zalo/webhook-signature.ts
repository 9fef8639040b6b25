import { createHash, timingSafeEqual } from "node:crypto";

/** Zalo's webhook signature: hex SHA-256 (plain, not HMAC) of app_id + raw body + timestamp + OA secret key. */
export function webhookSignature(appId: string, rawBody: Buffer | string, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256").update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest("hex");
}

/** Accepts "mac=<hex>" and bare hex, compares in constant time. */
export function verifyWebhookSignature(header: string | undefined, appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = webhookSignature(appId, rawBody, timestamp, oaSecretKey);
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"));
}

/** What makes an event unique across Zalo's retries: event name + msg_id, or a hash of the raw event. */
export function webhookEventKey(eventName: string, body: Record<string, unknown>, rawBody: Buffer): string {
  const msgId = (body.message as { msg_id?: unknown } | undefined)?.msg_id;
  if (typeof msgId === "string" || typeof msgId === "number") return `${eventName}:${msgId}`;
  return `${eventName}:sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}
