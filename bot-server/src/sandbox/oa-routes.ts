import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { MESSAGE_KINDS, oaSendRequestSchema, type MessageKind, type OaMessage } from "../../../shared/schemas/oa.js";
import type { SandboxIdentity } from "./identity.js";
import type { OaEvents } from "./oa-events.js";
import type { WebhookDelivery } from "./webhook-delivery.js";
import { faultsSchema, type Faults, type SandboxUserState, type SandboxWorld } from "./world.js";

export interface SandboxOaOptions {
  identity: SandboxIdentity;
  world: SandboxWorld;
  events: OaEvents;
  delivery: WebhookDelivery;
}

const envelope = (error: number, message: string, data?: unknown) => (data === undefined ? { error, message } : { error, message, data });

function readData(q: unknown): Record<string, unknown> {
  try {
    const raw = (q as { data?: string }).data;
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The Zalo sandbox, part 2: OA OpenAPI v3 (messages, followers), the OAuth v4 token endpoint with single-use
 * refresh tokens, and sandbox users who follow, unfollow and write to the OA — each action delivered to the
 * webhook signed as Zalo signs it. Answers use Zalo's envelope: HTTP 200 with a negative `error`.
 */
export async function sandboxOaRoutes(app: FastifyInstance, o: SandboxOaOptions): Promise<void> {
  const { world, events, delivery, identity } = o;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["sandbox"];
  const now = () => world.now();

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  /** Latency, injected errors, token and quota checks shared by every OpenAPI call; null when the call may go on. */
  async function gate(req: FastifyRequest): Promise<ReturnType<typeof envelope> | null> {
    const f = world.faults;
    if (f.latencyMs > 0) await new Promise((res) => setTimeout(res, f.latencyMs));
    const token = req.headers["access_token"];
    const state = world.accessTokenState(typeof token === "string" ? token : undefined);
    if (state === "invalid") return envelope(-216, "Access token is invalid");
    if (state === "expired") return envelope(-220, "Access token has expired");
    if (!world.takeQuota()) return envelope(-32, "The app has reached the request limit per minute");
    if (f.errorRate > 0 && Math.random() < f.errorRate) return envelope(f.errorCode, "Injected by the sandbox");
    return null;
  }

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

  app.get("/sandbox/openapi/v3.0/oa/user/detail", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    const user = world.users.get(String(readData(req.query).user_id ?? ""));
    if (!user) return envelope(-201, "user_id is invalid");
    return envelope(0, "Success", {
      user_id: user.id,
      user_id_by_app: user.appUserId,
      display_name: user.name,
      user_alias: user.name,
      is_sensitive: false,
      user_is_follower: user.following,
      // dd/mm/yyyy, the Vietnam date (Zalo gives a date, not a time).
      user_last_interaction_date: user.lastInteractionAt ? new Date(user.lastInteractionAt + 7 * 3600_000).toISOString().slice(0, 10).split("-").reverse().join("/") : "",
      avatar: "",
      tags_and_notes_info: { tag_names: [...user.tags], notes: [] },
      shared_info: null,
    });
  });

  // getlist: count 1–50, offset 0–9951 (about 10,000 people per filter), filters is_follower (true or "true"),
  // last_interaction_period and tag_name (../shared/zalo-platform.md, "Followers").
  app.get("/sandbox/openapi/v3.0/oa/user/getlist", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    const d = readData(req.query);
    const offset = Number(d.offset ?? 0);
    const count = Number(d.count ?? 0);
    if (!Number.isInteger(offset) || offset < 0 || offset > 9951 || !Number.isInteger(count) || count < 1 || count > 50) {
      return envelope(-201, "offset must be 0–9951 and count 1–50");
    }
    const known = new Set(["offset", "count", "is_follower", "last_interaction_period", "tag_name"]);
    if (Object.keys(d).some((k) => !known.has(k))) return envelope(-201, "Parameter is invalid");
    const isFollower = d.is_follower === undefined ? undefined : d.is_follower === true || d.is_follower === "true" ? true : d.is_follower === false || d.is_follower === "false" ? false : null;
    if (isFollower === null) return envelope(-201, "is_follower must be true or false");
    const list = world.followersMatching({
      ...(isFollower === undefined ? {} : { isFollower }),
      ...(typeof d.last_interaction_period === "string" ? { period: d.last_interaction_period } : {}),
      ...(typeof d.tag_name === "string" ? { tagName: d.tag_name } : {}),
    });
    if (!list) return envelope(-201, "last_interaction_period must be TODAY, YESTERDAY, L7D, L30D or YYYY_MM_DD:YYYY_MM_DD");
    const page = list.slice(offset, offset + count);
    return envelope(0, "Success", { total: list.length, count: page.length, offset, users: page.map((u) => ({ user_id: u.id })) });
  });

  // The OA's message quota (Java SDK v3/GetQuotaCSFree: POST /v2.0/oa/quota/message, no body; daopk/zaloapi
  // getOAQuotaMessage types the answer { type, remain, total }). zalo-platform.md says GET: both are answered.
  const quota = async (req: FastifyRequest) => {
    const refused = await gate(req);
    if (refused) return refused;
    return envelope(0, "Success", { type: "sub_quota", remain: world.faults.proactiveQuota, total: world.quotaTotal });
  };
  app.post("/sandbox/openapi/v2.0/oa/quota/message", { schema: { hide: true } }, quota);
  // One person's quota (daopk/zaloapi getMessageQuota: POST /v3.0/oa/quota/message {user_id} → last_interaction in
  // milliseconds, cs_reply {remain, total} free replies of the window, promotion limits).
  app.post("/sandbox/openapi/v3.0/oa/quota/message", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    const userId = (req.body as { user_id?: unknown } | null)?.user_id;
    const user = typeof userId === "string" ? world.users.get(userId) : undefined;
    if (!user) return envelope(-201, "user_id is invalid");
    const cap = world.faults.freeRepliesPerWindow;
    const inWindow = user.lastInteractionAt !== null && now() - user.lastInteractionAt <= 48 * 3600_000;
    const remain = !inWindow ? 0 : cap === 0 ? 1000 : Math.max(0, cap - user.repliesInWindow);
    return envelope(0, "Success", {
      last_interaction: user.lastInteractionAt === null ? "" : String(user.lastInteractionAt),
      cs_reply: { remain, total: cap === 0 ? 1000 : cap },
      promotion: { daily_remain: 1, daily_total: 1, monthly_remain: 4, monthly_total: 4 },
    });
  });
  app.get("/sandbox/openapi/v2.0/oa/quota/message", { schema: { hide: true } }, quota);

  // Tags (zalo-php-sdk ZaloEndPoint: v2.0/oa/tag/tagfollower, rmfollowerfromtag, gettagsofoa; body {user_id, tag_name}).
  const tagBody = (b: unknown) => {
    const o = (b ?? {}) as Record<string, unknown>;
    return typeof o.user_id === "string" && typeof o.tag_name === "string" && o.tag_name.length > 0 && o.tag_name.length <= 100 ? { userId: o.user_id, tag: o.tag_name } : null;
  };
  const tagRoute = (path: string, change: (user: SandboxUserState, tag: string) => number) =>
    app.post(`/sandbox/openapi/v2.0/oa/tag/${path}`, { schema: { hide: true } }, async (req) => {
      const refused = await gate(req);
      if (refused) return refused;
      const b = tagBody(req.body);
      const user = b ? world.users.get(b.userId) : undefined;
      if (!b || !user) return envelope(-201, "user_id or tag_name is invalid");
      const code = change(user, b.tag);
      world.version++;
      return code === 0 ? envelope(0, "Success") : envelope(code, "The user does not follow the OA");
    });
  tagRoute("tagfollower", (user, tag) => (user.following ? (user.tags.add(tag), 0) : -213));
  tagRoute("rmfollowerfromtag", (user, tag) => (user.tags.delete(tag), 0));
  app.get("/sandbox/openapi/v2.0/oa/tag/gettagsofoa", { schema: { hide: true } }, async (req) => {
    const refused = await gate(req);
    if (refused) return refused;
    return envelope(0, "Success", [...new Set([...world.users.values()].flatMap((u) => [...u.tags]))].sort());
  });

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
      const challenge = createHash("sha256").update(b.code_verifier ?? "").digest("base64url");
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

  r.post(
    "/sandbox/users/:id/send",
    { schema: { tags, params: userParams, body: z.strictObject({ text: z.string().min(1).max(2000) }) } },
    async (req) => {
      const u = userOf(req.params.id);
      world.interacted(u);
      const msgId = world.nextMessageId();
      void delivery.send(events.userText(u, msgId, req.body.text));
      return { ok: true, user_id: u.id, msg_id: msgId };
    },
  );

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

  r.get(
    "/sandbox/messages",
    { schema: { tags, querystring: z.strictObject({ user_id: z.string().min(1).max(40) }) } },
    async (req) => world.messagesOf(req.query.user_id).map((m) => ({ message_id: m.message_id, kind: m.kind, message: m.message, time: m.time })),
  );

  r.get("/sandbox/oa/users", { schema: { tags } }, async () =>
    [...world.users.values()].map((u) => ({ id: u.id, app_user_id: u.appUserId, name: u.name, following: u.following })),
  );

  r.get("/sandbox/deliveries", { schema: { tags } }, async () =>
    delivery.deliveries.slice(-200).map((d) => ({ event_name: d.event.event_name, attempts: d.attempts, status: d.status, last_status: d.lastStatus })),
  );

  r.get("/sandbox/webhook", { schema: { tags } }, async () => ({ disabled: delivery.state.disabled, droppedWhileDisabled: delivery.state.droppedWhileDisabled, retryScheduleMs: [...delivery.schedule] }));
  r.post("/sandbox/webhook/enable", { schema: { tags } }, async () => {
    delivery.enable();
    return { disabled: false };
  });

  r.get("/sandbox/faults", { schema: { tags } }, async () => world.faults);
  r.put("/sandbox/faults", { schema: { tags, body: faultsSchema.partial() } }, async (req) => {
    return world.setFaults(req.body as Partial<Faults>);
  });
}
