import type { AxiosAdapter } from "axios";
import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import { MAX_TEXT_CHARS } from "../../../shared/constants/zalo.js";
import type { MessageKind, OaMessage } from "../../../shared/schemas/oa.js";
import { splitText } from "../../../shared/lib/split-text.js";
import { HTTP_ERROR, NETWORK_ERROR, ZaloApiError } from "./errors.js";
import { adapterTransport, undiciTransport } from "./transport.js";

export interface TokenSource {
  /** A current OA access token. */
  accessToken(): Promise<string>;
  /** Called when Zalo says the token is invalid or expired (-216, -220): refresh it and give the new one. */
  refreshAfterRejection(rejected: string): Promise<string>;
}

export interface SendResult {
  messageId: string;
  /**
   * How Zalo counted the message (reply, sub_quota, purchase_quota, reward_quota), when its answer says so
   * (zalo-platform.md; Zalo's SDKs type only message_id and user_id, so it may be missing: null then).
   */
  quotaType: string | null;
}

/** A follower, or someone writing without following (Zalo's anonymous recipient, Java SDK SendTextAnonymousMessage). */
export type Recipient = string | { anonymousId: string; conversationId: string };

/** getlist's filters: last_interaction_period TODAY / YESTERDAY / L7D / L30D (or YYYY_MM_DD:YYYY_MM_DD), is_follower, tag_name. */
export interface UserListQuery {
  offset: number;
  count: number;
  isFollower?: boolean;
  period?: string;
  tagName?: string;
}

/** The OA's quota of messages (v2 quota/message: { type, remain, total }, daopk/zaloapi getOAQuotaMessage). */
export interface MessageQuota {
  type: string;
  remain: number;
  total: number;
}

export interface UserDetail {
  user_id: string;
  display_name?: string;
  user_id_by_app?: string;
  user_is_follower?: boolean;
  user_last_interaction_date?: string;
  [k: string]: unknown;
}

export interface OaClient {
  send(kind: MessageKind, to: Recipient, message: OaMessage): Promise<SendResult>;
  /** Text of any length: split at word or sentence boundaries into messages of at most 2,000 characters. */
  sendText(kind: MessageKind, to: Recipient, text: string): Promise<SendResult[]>;
  userDetail(userId: string): Promise<UserDetail>;
  userList(q: UserListQuery): Promise<{ total: number; users: { user_id: string }[] }>;
  quota(): Promise<MessageQuota>;
  /**
   * One person's quota (v3 quota/message with user_id; daopk/zaloapi getMessageQuota): their last interaction to the
   * millisecond and the free consultation replies left in their window.
   */
  userQuota(userId: string): Promise<{ lastInteractionAt: string | null; freeRepliesLeft: number | null; freeRepliesTotal: number | null }>;
  tagFollower(userId: string, tagName: string): Promise<void>;
  untagFollower(userId: string, tagName: string): Promise<void>;
}

/**
 * At most 99 % of the quota: Zalo counts a call when it arrives, and arrival times wobble with the network, so
 * calls spaced exactly at the quota would now and then put one too many in a minute (-32).
 */
export const QUOTA_HEADROOM = 0.99;

/** How the limiter paces calls; Bottleneck's Redis store keeps whole milliseconds, so no fractional spacing. */
export function limiterSettings(perMinute: number) {
  const allowed = perMinute * QUOTA_HEADROOM;
  const perHalfSecond = Math.floor(allowed / 120);
  const spacing = Math.ceil(60_000 / allowed);
  // The spacing alone, rounded up, when that loses less to rounding (low rates: at 600 a minute, 102 ms apart).
  if (Math.floor(60_000 / spacing) >= perHalfSecond * 120) return { minTime: spacing };
  // Otherwise a token bucket topped up every half second (drift-free) to at most one half-second's worth: any
  // 60 seconds then hold at most 121 half-seconds' worth, under the quota (4,000 → 33 per 500 ms: ≤ 3,993 in any
  // minute, 3,960 on average), and calls never closer than the quota's own spacing.
  return {
    minTime: Math.floor(60_000 / perMinute),
    reservoir: perHalfSecond,
    reservoirIncreaseInterval: 500,
    reservoirIncreaseAmount: perHalfSecond,
    reservoirIncreaseMaximum: perHalfSecond,
  };
}

/**
 * One limiter for every call to Zalo (see limiterSettings). Given a Redis, the limiter is shared by every process
 * that names the same Redis and prefix (Bottleneck's clustering): the chatbot's replies and the campaign
 * deliveries of all web and worker processes draw on one quota.
 */
export function zaloRateLimiter(perMinute: number, shared?: { redisUrl: string; prefix: string }): Bottleneck {
  // The bucket is topped up when the limiter next looks: often, so waiting calls go as soon as tokens are there.
  const settings = { ...limiterSettings(perMinute), heartbeatInterval: 100 };
  if (!shared) return new Bottleneck({ ...settings, maxConcurrent: 50 });
  const client = new Redis(shared.redisUrl, { maxRetriesPerRequest: null });
  const limiter = new Bottleneck({
    ...settings,
    id: `${shared.prefix}-zalo-oa`,
    datastore: "ioredis",
    connection: new Bottleneck.IORedisConnection({ client, Redis }),
    clearDatastore: false,
    // No cap on calls in progress: a process killed mid-call would hold its share of such a cap for a while.
    maxConcurrent: null,
    timeout: 3600_000,
  });
  // Settings already in Redis (an earlier version of this deployment) are kept by Bottleneck: make these the ones,
  // all but the bucket's current content, which a process starting mid-minute must not top up.
  const { reservoir: _current, ...pacing } = settings as typeof settings & { reservoir?: number };
  limiter.updateSettings(pacing);
  return limiter;
}

export interface OaClientOptions {
  baseUrl: string;
  tokens: TokenSource;
  /** Null: no limit at all (a sandbox with its limit lifted, for benchmarks). */
  limiter: Bottleneck | null;
  timeoutMs?: number;
  adapter?: AxiosAdapter;
  /** How quota/message is called: POST (Zalo's Java SDK, GetQuotaCSFree) or GET (zalo-platform.md); sources disagree. */
  quotaMethod?: "get" | "post";
}

const recipientOf = (to: Recipient) => (typeof to === "string" ? { user_id: to } : { anonymous_id: to.anonymousId, conversation_id: to.conversationId });

export function oaClient(opts: OaClientOptions): OaClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const transport = opts.adapter ? adapterTransport(opts.baseUrl, timeoutMs, opts.adapter) : undiciTransport(opts.baseUrl, timeoutMs);

  async function once<T>(token: string, method: "get" | "post", path: string, body?: unknown, params?: Record<string, string>): Promise<T> {
    let res;
    try {
      // A POST without a body (quota/message) carries no content type: an empty JSON body is malformed.
      const headers: Record<string, string> = body === undefined ? { access_token: token } : { access_token: token, "content-type": "application/json" };
      const request = () => transport({ method, path, body, params, headers });
      res = await (opts.limiter ? opts.limiter.schedule(request) : request());
    } catch (err) {
      throw new ZaloApiError(NETWORK_ERROR, err instanceof Error ? err.message : "network error", "retry");
    }
    if (res.status >= 500 || res.status === 429) throw new ZaloApiError(HTTP_ERROR, `HTTP ${res.status}`, "retry");
    const env = res.data as { error?: unknown; message?: unknown; data?: T };
    if (res.status !== 200 || typeof env !== "object" || env === null) throw new ZaloApiError(HTTP_ERROR, `HTTP ${res.status}`, "permanent");
    const code = Number(env.error ?? 0);
    if (code !== 0) throw new ZaloApiError(code, String(env.message ?? ""));
    return env.data as T;
  }

  /** Calls once, and once more with a refreshed token when Zalo rejects the token. */
  async function call<T>(method: "get" | "post", path: string, body?: unknown, params?: Record<string, string>): Promise<T> {
    const token = await opts.tokens.accessToken();
    try {
      return await once<T>(token, method, path, body, params);
    } catch (err) {
      if (!(err instanceof ZaloApiError) || err.errorClass !== "refresh") throw err;
      const fresh = await opts.tokens.refreshAfterRejection(token);
      return once<T>(fresh, method, path, body, params);
    }
  }

  const client: OaClient = {
    async send(kind, to, message) {
      const data = await call<{ message_id?: string; quota?: { quota_type?: unknown } }>("post", `/v3.0/oa/message/${kind}`, {
        recipient: recipientOf(to),
        message,
      });
      const quotaType = data?.quota && typeof data.quota.quota_type === "string" ? data.quota.quota_type : null;
      return { messageId: String(data?.message_id ?? ""), quotaType };
    },
    async sendText(kind, to, text) {
      const results: SendResult[] = [];
      for (const part of splitText(text, MAX_TEXT_CHARS)) results.push(await client.send(kind, to, { text: part }));
      return results;
    },
    userDetail: (userId) => call<UserDetail>("get", "/v3.0/oa/user/detail", undefined, { data: JSON.stringify({ user_id: userId }) }),
    async userList(q) {
      const data: Record<string, unknown> = { offset: q.offset, count: Math.min(q.count, 50) };
      if (q.isFollower !== undefined) data.is_follower = q.isFollower;
      if (q.period) data.last_interaction_period = q.period;
      if (q.tagName) data.tag_name = q.tagName;
      const r = await call<{ total?: unknown; users?: { user_id: unknown }[] }>("get", "/v3.0/oa/user/getlist", undefined, { data: JSON.stringify(data) });
      return { total: Number(r?.total ?? 0), users: (r?.users ?? []).map((u) => ({ user_id: String(u.user_id) })) };
    },
    async quota() {
      const r = await call<{ type?: unknown; remain?: unknown; total?: unknown }>(opts.quotaMethod ?? "post", "/v2.0/oa/quota/message");
      return { type: String(r?.type ?? ""), remain: Number(r?.remain ?? 0), total: Number(r?.total ?? 0) };
    },
    async userQuota(userId) {
      const r = await call<{ last_interaction?: unknown; cs_reply?: { remain?: unknown; total?: unknown } }>("post", "/v3.0/oa/quota/message", {
        user_id: userId,
      });
      const ms = Number(r?.last_interaction);
      const num = (v: unknown) => (v === undefined || v === null || !Number.isFinite(Number(v)) ? null : Number(v));
      return {
        lastInteractionAt: Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null,
        freeRepliesLeft: num(r?.cs_reply?.remain),
        freeRepliesTotal: num(r?.cs_reply?.total),
      };
    },
    async tagFollower(userId, tagName) {
      await call("post", "/v2.0/oa/tag/tagfollower", { user_id: userId, tag_name: tagName });
    },
    async untagFollower(userId, tagName) {
      await call("post", "/v2.0/oa/tag/rmfollowerfromtag", { user_id: userId, tag_name: tagName });
    },
  };
  return client;
}
