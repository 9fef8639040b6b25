import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { MESSAGE_KINDS, oaSendRequestSchema, type MessageKind, type OaMessage } from "../../../shared/schemas/oa.js";
import type { SandboxIdentity } from "./identity.js";
import type { OaEvents } from "./oa-events.js";
import type { WebhookDelivery } from "./webhook-delivery.js";
import { envelope, openapiGate } from "./openapi-gate.js";
import { faultsSchema, type Faults, type SandboxUserState, type SandboxWorld } from "./world.js";

export interface SandboxOaOptions {
  identity: SandboxIdentity;
  world: SandboxWorld;
  events: OaEvents;
  delivery: WebhookDelivery;
}

/**
 * The Zalo sandbox, part 2: OA OpenAPI v3 messages (followers, quota and tags are in oa-follower-routes.ts), the
 * OAuth v4 token endpoint with single-use refresh tokens, and sandbox users who follow, unfollow and write to the
 * OA — each action delivered to the webhook signed as Zalo signs it. Answers use Zalo's envelope: HTTP 200 with a
 * negative `error`.
 */
export async function sandboxOaRoutes(app: FastifyInstance, o: SandboxOaOptions): Promise<void> {
  const { world, events, delivery, identity } = o;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sandbox"];
  const now = () => world.now();

  const gate = openapiGate(world);

  app.post("/sandbox/openapi/v3.0/oa/message/:kind", { schema: { hide: true } }, async (req) => {
    const kind = (req.params as { kind: string }).kind as MessageKind;
    if (!MESSAGE_KINDS.includes(kind)) return envelope(-201, "Unknown message type");
    const refused = await gate(req);
    if (refused) return refused;
    const parsed = oaSendRequestSchema(kind).safeParse(req.body);
    if (!parsed.success) return envelope(-201, `Parameter is invalid: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
    const message = parsed.data.message as OaMessage;
    const recipient = parsed.data.recipient as { user_id?: string; anonymous_id?: string; conversation_id?: string };
    if (recipient.anonymous_id) return sendAnonymous(kind, recipient.anonymous_id, recipient.conversation_id!, message);
    const user = world.users.get(recipient.user_id!);
    const verdict = world.accept(kind, user);
    if (typeof verdict === "number" || !user) return envelope(typeof verdict === "number" ? verdict : -213, "The message cannot be sent to this user now");
    if (kind === "cs") user.repliesInWindow++;
    world.spentVnd += verdict.costVnd;
    return delivered(user, kind, message, { quota_type: verdict.quotaType });
  });

  /** Records what the user got, sends Zalo's echo and receipt (on their own schedule), and answers as Zalo does. */
  function delivered(user: SandboxUserState, kind: MessageKind, message: OaMessage, quota: { quota_type: string } | null) {
    const messageId = world.nextMessageId();
    const list = world.sent.get(user.id) ?? [];
    list.push({ message_id: messageId, kind, message, time: new Date(now()).toISOString() });
    if (list.length > 200) list.splice(0, list.length - 200); // a long chat keeps its latest messages
    world.sent.set(user.id, list);
    void delivery.send(events.oaSent(user, messageId, message.attachment ? undefined : message.text));
    void delivery.send(events.received(user, messageId));
    return envelope(0, "Success", { message_id: messageId, user_id: user.id, sent_time: String(now()), ...(quota ? { quota } : {}) });
  }

  /** Replies to someone writing without following: only through their conversation, within 48 h of their message. */
  function sendAnonymous(kind: MessageKind, anonymousId: string, conversationId: string, message: OaMessage) {
    const c = world.anonymous.get(conversationId);
    if (kind !== "cs" || !c || c.anonymousId !== anonymousId) return envelope(-201, "anonymous_id or conversation_id is invalid");
    if (now() - c.lastMessageAt > 48 * 3600_000) return envelope(-230, "The user has not interacted with the OA lately");
    const user = world.addUser(anonymousId);
    return delivered(user, kind, message, { quota_type: "reply" });
  }

  // OAuth v4: the operator's consent is given at once in the sandbox.
  app.get("/sandbox/oauth/v4/oa/permission", { schema: { hide: true } }, async (req, reply: FastifyReply) => {
    const q = req.query as Record<string, string | undefined>;
    if (q.app_id !== identity.appId || !q.redirect_uri || !q.code_challenge) {
      return reply.status(400).type("text/plain; charset=utf-8").send("app_id, redirect_uri and code_challenge are required");
    }
    const code = world.nextMessageId();
    world.authCodes.set(code, { challenge: q.code_challenge, expiresAt: now() + 600_000 });
    const target = new URL(q.redirect_uri);
    target.searchParams.set("code", code);
    target.searchParams.set("oa_id", identity.oaId);
    if (q.state) target.searchParams.set("state", q.state);
    return reply.redirect(target.toString());
  });

  app.post("/sandbox/oauth/v4/oa/access_token", { schema: { hide: true } }, async (req) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const fail = (error: number, error_name: string) => ({ error, error_name, error_description: error_name });
    if (req.headers["secret_key"] !== identity.appSecret) return fail(-14002, "Invalid secret key");
    if (b.app_id !== identity.appId) return fail(-14001, "Invalid app_id");
    if (b.grant_type === "authorization_code") {
      world.tokenCalls.authorizationCode++;
      const c = b.code ? world.authCodes.get(b.code) : undefined;
      if (!c || c.expiresAt < now()) return fail(-14019, "Invalid authorization code");
      const challenge = createHash("sha256")
        .update(b.code_verifier ?? "")
        .digest("base64url");
      if (challenge !== c.challenge) return fail(-14020, "Invalid code verifier");
      world.authCodes.delete(b.code!);
      return world.issueTokens();
    }
    if (b.grant_type === "refresh_token") {
      world.tokenCalls.refresh++;
      if (world.faults.refreshErrorCode !== null) return fail(world.faults.refreshErrorCode, "Injected by the sandbox");
      if (!b.refresh_token || !world.refreshTokens.delete(b.refresh_token)) return fail(-14014, "Invalid refresh token");
      return world.issueTokens();
    }
    return fail(-14003, "Invalid grant_type");
  });

  // Driving the sandbox users.
  const userParams = z.strictObject({ id: z.string().regex(/^[0-9A-Za-z_-]{1,40}$/) });
  const userOf = (id: string) => world.addUser(id);

  r.post("/sandbox/users/:id/follow", { schema: { tags, params: userParams } }, async (req) => {
    const u = userOf(req.params.id);
    world.setFollowing(u, true);
    world.interacted(u);
    void delivery.send(events.follow(u, "follow"));
    return { ok: true, user_id: u.id };
  });

  r.post("/sandbox/users/:id/unfollow", { schema: { tags, params: userParams } }, async (req) => {
    const u = userOf(req.params.id);
    world.setFollowing(u, false);
    void delivery.send(events.follow(u, "unfollow"));
    return { ok: true, user_id: u.id };
  });

  r.post("/sandbox/users/:id/send", { schema: { tags, params: userParams, body: z.strictObject({ text: z.string().min(1).max(2000) }) } }, async (req) => {
    const u = userOf(req.params.id);
    world.interacted(u);
    const msgId = world.nextMessageId();
    void delivery.send(events.userText(u, msgId, req.body.text));
    return { ok: true, user_id: u.id, msg_id: msgId };
  });

  // Someone who does not follow writes to the OA (the "Nhắn tin" button of an OA's page): anonymous_send_text.
  r.post(
    "/sandbox/users/:id/anonymous-send",
    { schema: { tags, params: userParams, body: z.strictObject({ text: z.string().min(1).max(2000) }) } },
    async (req) => {
      const anonymousId = `anon-${req.params.id}`;
      const conversationId = `conv-${req.params.id}`;
      world.anonymous.set(conversationId, { anonymousId, conversationId, lastMessageAt: now() });
      const msgId = world.nextMessageId();
      void delivery.send(events.anonymousText(anonymousId, conversationId, msgId, req.body.text));
      return { ok: true, anonymous_id: anonymousId, conversation_id: conversationId, msg_id: msgId };
    },
  );

  r.post(
    "/sandbox/users/:id/location",
    { schema: { tags, params: userParams, body: z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }) } },
    async (req) => {
      const u = userOf(req.params.id);
      world.interacted(u);
      const msgId = world.nextMessageId();
      void delivery.send(events.userLocation(u, msgId, req.body.latitude, req.body.longitude));
      return { ok: true, user_id: u.id, msg_id: msgId };
    },
  );

  r.post(
    "/sandbox/users/:id/submit-info",
    { schema: { tags, params: userParams, body: z.record(z.enum(["name", "phone", "address", "city", "district", "ward"]), z.string().max(200)) } },
    async (req) => {
      const u = userOf(req.params.id);
      world.interacted(u);
      void delivery.send(events.submitInfo(u, req.body as Record<string, string>));
      return { ok: true, user_id: u.id };
    },
  );

  r.post("/sandbox/users/:id/seen", { schema: { tags, params: userParams } }, async (req) => {
    const u = userOf(req.params.id);
    const ids = world.messagesOf(u.id).map((m) => m.message_id);
    if (ids.length) void delivery.send(events.seen(u, ids));
    return { ok: true, user_id: u.id, seen: ids.length };
  });

  r.get("/sandbox/messages", { schema: { tags, querystring: z.strictObject({ user_id: z.string().min(1).max(40) }) } }, async (req) =>
    world.messagesOf(req.query.user_id).map((m) => ({ message_id: m.message_id, kind: m.kind, message: m.message, time: m.time })),
  );

  r.get("/sandbox/oa/users", { schema: { tags } }, async () =>
    [...world.users.values()].map((u) => ({ id: u.id, app_user_id: u.appUserId, name: u.name, following: u.following })),
  );

  r.get("/sandbox/deliveries", { schema: { tags } }, async () =>
    delivery.deliveries.slice(-200).map((d) => ({ event_name: d.event.event_name, attempts: d.attempts, status: d.status, last_status: d.lastStatus })),
  );

  r.get("/sandbox/webhook", { schema: { tags } }, async () => ({
    disabled: delivery.state.disabled,
    droppedWhileDisabled: delivery.state.droppedWhileDisabled,
    retryScheduleMs: [...delivery.schedule],
  }));
  r.post("/sandbox/webhook/enable", { schema: { tags } }, async () => {
    delivery.enable();
    return { disabled: false };
  });

  r.get("/sandbox/faults", { schema: { tags } }, async () => world.faults);
  r.put("/sandbox/faults", { schema: { tags, body: faultsSchema.partial() } }, async (req) => {
    return world.setFaults(req.body as Partial<Faults>);
  });
}
