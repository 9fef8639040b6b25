import type { AxiosAdapter } from "axios";
import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import { MAX_TEXT_CHARS, type MessageKind, type OaMessage } from "../../../shared/schemas/oa.js";
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
  quota?: unknown;
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
  send(kind: MessageKind, userId: string, message: OaMessage): Promise<SendResult>;
  /** Text of any length: split at word or sentence boundaries into messages of at most 2,000 characters. */
  sendText(kind: MessageKind, userId: string, text: string): Promise<SendResult[]>;
  userDetail(userId: string): Promise<UserDetail>;
  userList(offset: number, count: number): Promise<{ total: number; users: { user_id: string }[] }>;
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
}

export function oaClient(opts: OaClientOptions): OaClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const transport = opts.adapter ? adapterTransport(opts.baseUrl, timeoutMs, opts.adapter) : undiciTransport(opts.baseUrl, timeoutMs);

  async function once<T>(token: string, method: "get" | "post", path: string, body?: unknown, params?: Record<string, string>): Promise<T> {
    let res;
    try {
      const request = () => transport({ method, path, body, params, headers: { access_token: token, "content-type": "application/json" } });
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
    async send(kind, userId, message) {
      const data = await call<{ message_id?: string; quota?: unknown }>("post", `/v3.0/oa/message/${kind}`, { recipient: { user_id: userId }, message });
      return { messageId: String(data?.message_id ?? ""), quota: data?.quota };
    },
    async sendText(kind, userId, text) {
      const results: SendResult[] = [];
      for (const part of splitText(text, MAX_TEXT_CHARS)) results.push(await client.send(kind, userId, { text: part }));
      return results;
    },
    userDetail: (userId) => call<UserDetail>("get", "/v3.0/oa/user/detail", undefined, { data: JSON.stringify({ user_id: userId }) }),
    userList: (offset, count) =>
      call("get", "/v3.0/oa/user/getlist", undefined, { data: JSON.stringify({ offset, count: Math.min(count, 50), is_follower: true }) }),
  };
  return client;
}
