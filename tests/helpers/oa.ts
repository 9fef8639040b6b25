import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../bot-server/src/db/schema.js";
import type { OaButton, OaMessage } from "../../shared/schemas/oa.js";
import { countOf } from "./rows.js";

/** What GET /sandbox/config gives: the ids and secrets the sandbox plays Zalo with. */
export interface SandboxConfig {
  app_id: string;
  app_secret: string;
  miniapp_id: string;
  oa_id: string;
  oa_secret_key: string;
}

export async function sandboxConfig(app: FastifyInstance): Promise<SandboxConfig> {
  return (await app.inject({ url: "/sandbox/config" })).json() as SandboxConfig;
}

/**
 * Zalo's webhook signature, written out here from the platform notes rather than taken from the server:
 * hex SHA-256 (plain, not HMAC) of app_id + raw body + timestamp + OA secret key.
 */
export function zaloSignature(appId: string, rawBody: string | Buffer, timestamp: string, key: string): string {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return createHash("sha256")
    .update(Buffer.concat([Buffer.from(appId, "utf8"), body, Buffer.from(timestamp, "utf8"), Buffer.from(key, "utf8")]))
    .digest("hex");
}

/** A user_send_text event as Zalo sends it (ids and timestamp as strings). */
export function userTextEvent(cfg: SandboxConfig, userId: string, text: string, opts: { msgId?: string; timestamp?: number | string } = {}) {
  return {
    app_id: cfg.app_id,
    user_id_by_app: `55${userId.slice(2)}`,
    event_name: "user_send_text",
    timestamp: String(opts.timestamp ?? Date.now()),
    sender: { id: userId },
    recipient: { id: cfg.oa_id },
    message: { msg_id: opts.msgId ?? randomBytes(16).toString("hex"), text },
  };
}

/** POST /webhooks/zalo with exactly these bytes and this signature header (none when undefined). */
export function postWebhook(
  app: FastifyInstance,
  rawBody: string | Buffer,
  signature: string | undefined,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/webhooks/zalo",
    headers: { "content-type": "application/json", ...(signature === undefined ? {} : { "x-zevent-signature": signature }), ...headers },
    payload: rawBody,
  });
}

/** Serialises an event and posts it signed the way Zalo signs it ("mac=<hex>" unless `bare`). */
export function deliverSigned(app: FastifyInstance, cfg: SandboxConfig, event: { timestamp: string }, opts: { bare?: boolean } = {}) {
  const raw = JSON.stringify(event);
  const sig = zaloSignature(cfg.app_id, raw, event.timestamp, cfg.oa_secret_key);
  return postWebhook(app, raw, opts.bare ? sig : `mac=${sig}`);
}

async function waitUntil(cond: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Waits until the sandbox has had an answer to every webhook delivery it started and the job queue has nothing
 * ready or running, repeatedly (sending a reply makes the sandbox deliver more events: echoes and receipts).
 * Deliveries waiting for a retry, and jobs due later, are not waited for.
 */
export async function settle(app: FastifyInstance): Promise<void> {
  const deliveries = app.sandbox?.delivery.deliveries ?? [];
  const answered = () => deliveries.every((d) => d.lastStatus !== null);
  for (let round = 0; round < 200; round++) {
    const n = deliveries.length;
    await waitUntil(answered, "webhook deliveries to be answered");
    await app.jobs.idle();
    if (deliveries.length === n && answered()) return;
  }
  throw new Error("the sandbox never settled");
}

export interface SentToUser {
  message_id: string;
  kind: string;
  message: OaMessage;
  time: string;
}

/** What the OA sent a user, as the sandbox recorded it (oldest first). */
export async function sentTo(app: FastifyInstance, userId: string): Promise<SentToUser[]> {
  const res = await app.inject({ url: `/sandbox/messages?user_id=${encodeURIComponent(userId)}` });
  if (res.statusCode !== 200) throw new Error(`GET /sandbox/messages: ${res.statusCode} ${res.body}`);
  return res.json() as SentToUser[];
}

export const buttonsOf = (m: { message: OaMessage } | OaMessage): OaButton[] => {
  const msg = "message" in m && typeof m.message === "object" ? (m.message as OaMessage) : (m as OaMessage);
  return (msg.attachment?.payload.buttons ?? []) as OaButton[];
};

/** A sandbox user does something (follow, unfollow, send, seen), then everything it causes is processed. */
export async function userDoes(app: FastifyInstance, userId: string, action: "follow" | "unfollow" | "seen" | "send", text?: string): Promise<void> {
  const res = await app.inject({
    method: "POST",
    url: `/sandbox/users/${userId}/${action}`,
    ...(action === "send" ? { payload: { text: text ?? "" } } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`sandbox ${action}: ${res.statusCode} ${res.body}`);
  await settle(app);
}

/** The user says `text` and the messages the OA sent back in answer (everything new in /sandbox/messages). */
export async function say(app: FastifyInstance, userId: string, text: string): Promise<SentToUser[]> {
  const before = (await sentTo(app, userId)).length;
  await userDoes(app, userId, "send", text);
  return (await sentTo(app, userId)).slice(before);
}

/** Rows in the OA tables that a refused webhook must not touch. */
export async function oaRowCounts(db: Kysely<Database>): Promise<{ inbox: number; jobs: number; messages: number }> {
  return { inbox: await countOf(db, "webhook_inbox"), jobs: await countOf(db, "jobs"), messages: await countOf(db, "oa_messages") };
}

/** PKCE by hand: a 43-character verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface SandboxTokens {
  access_token: string;
  refresh_token: string;
  expires_in: string;
}

/** Runs the OA OAuth v4 flow against the sandbox by hand (consent, then code + verifier) and returns the pair. */
export async function sandboxOaTokens(app: FastifyInstance): Promise<SandboxTokens> {
  const cfg = await sandboxConfig(app);
  const { verifier, challenge } = pkce();
  const q = new URLSearchParams({ app_id: cfg.app_id, redirect_uri: "http://localhost/cb", code_challenge: challenge, state: "s" });
  const consent = await app.inject({ url: `/sandbox/oauth/v4/oa/permission?${q}` });
  const code = new URL(String(consent.headers.location)).searchParams.get("code");
  if (!code) throw new Error(`sandbox consent gave no code: ${consent.statusCode} ${consent.body}`);
  const res = await tokenRequest(app, cfg.app_secret, { app_id: cfg.app_id, grant_type: "authorization_code", code, code_verifier: verifier });
  const body = res.json() as SandboxTokens & { error?: number };
  if (!body.access_token) throw new Error(`sandbox token exchange failed: ${res.body}`);
  return body;
}

/** POST to the sandbox's OAuth v4 token endpoint, form-encoded, with the secret_key header. */
export function tokenRequest(app: FastifyInstance, secretKey: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
  return app.inject({
    method: "POST",
    url: "/sandbox/oauth/v4/oa/access_token",
    headers: { secret_key: secretKey, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(form).toString(),
  });
}

/** Waits (in hooks too, where expect.poll is not allowed) until /health reports the sandbox OA connected. */
export async function oaConnected(app: FastifyInstance): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const body = (await app.inject({ url: "/health" })).json() as { oa: { status: string } };
    if (body.oa.status === "ok") return;
    if (Date.now() > deadline) throw new Error(`the sandbox OA never connected: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
