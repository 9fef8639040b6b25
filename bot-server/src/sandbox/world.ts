import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { MessageKind, OaMessage } from "../../../shared/schemas/oa.js";
import { vietnamClock, vietnamDayNumber } from "../../../shared/lib/vietnam-time.js";
import type { Clock } from "../lib/clock.js";
import { SANDBOX_USERS } from "./identity.js";

export interface SandboxUserState {
  /** The user's id as the OA sees them (user_id_by_oa in the Graph API; follower id in webhooks). */
  id: string;
  /** The same person's id for the app (Graph API id, user_id_by_app in webhooks). */
  appUserId: string;
  name: string;
  following: boolean;
  lastInteractionAt: number | null;
  refusesPromotion: boolean;
  /** Consultation messages the OA sent since the user last interacted (Zalo's free replies per window). */
  repliesInWindow: number;
  /** Whether the user let the mini app read their name (authorize scope.userInfo): the Graph API names them only then. */
  grantedUserInfo: boolean;
  /** OA tags (tag/tagfollower), as the OA Manager shows them. */
  tags: Set<string>;
}

/** Someone writing to the OA without following it (anonymous_send_*): answered through the conversation. */
export interface AnonymousConversation {
  anonymousId: string;
  conversationId: string;
  lastMessageAt: number;
}

export interface SentMessage {
  message_id: string;
  kind: MessageKind;
  message: OaMessage;
  time: string;
}

export interface Faults {
  /** Share of OpenAPI calls that fail with `errorCode` (0 to 1). */
  errorRate: number;
  errorCode: number;
  latencyMs: number;
  /** Lifetime of access tokens the sandbox issues, in seconds (Zalo: 90,000). */
  tokenTtlSeconds: number;
  /** The token endpoint answers every refresh with this error (HTTP 200), when set. */
  refreshErrorCode: number | null;
  /** Calls per minute before -32. */
  rateLimitPerMinute: number;
  /** Whether the OA may send promotion messages (a verified OA with a package and Zalo Cloud balance). */
  promotionEnabled: boolean;
  /** Free consultation replies per 48 h window after the user's last interaction (0: no cap). */
  freeRepliesPerWindow: number;
  /** Proactive messages left in the OA's package (sub_quota): beyond the free replies, each uses one. */
  proactiveQuota: number;
  /** Whether a Zalo Cloud Account is linked to the app (paid messages: -320 without). */
  cloudAccount: boolean;
  /** Money left on it (VND); a paid message needs its price (-321 when short). */
  cloudBalanceVnd: number;
  /** What Zalo charges a proactive consultation message bought with Zalo Cloud money, and a promotion message. */
  paidMessagePriceVnd: number;
  promotionPriceVnd: number;
  /** Whether the mini app is linked to the OA in Zalo's settings: only then does the Graph API give user_id_by_oa. */
  miniappLinkedToOa: boolean;
}

export const faultsSchema = z.strictObject({
  errorRate: z.number().min(0).max(1),
  errorCode: z.number().int().max(0),
  latencyMs: z.number().int().min(0).max(30_000),
  tokenTtlSeconds: z.number().int().min(1).max(10_000_000),
  refreshErrorCode: z.number().int().max(0).nullable(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000_000),
  promotionEnabled: z.boolean(),
  freeRepliesPerWindow: z.number().int().min(0).max(1000),
  proactiveQuota: z.number().int().min(0).max(1_000_000_000),
  cloudAccount: z.boolean(),
  cloudBalanceVnd: z.number().int().min(0).max(1_000_000_000_000),
  paidMessagePriceVnd: z.number().int().min(0).max(100_000),
  promotionPriceVnd: z.number().int().min(0).max(100_000),
  miniappLinkedToOa: z.boolean(),
});

export const DEFAULT_FAULTS: Faults = {
  errorRate: 0,
  errorCode: -32,
  latencyMs: 0,
  tokenTtlSeconds: 90_000,
  refreshErrorCode: null,
  rateLimitPerMinute: 4000,
  promotionEnabled: false,
  freeRepliesPerWindow: 8,
  proactiveQuota: 2000,
  cloudAccount: true,
  cloudBalanceVnd: 1_000_000,
  paidMessagePriceVnd: 55,
  promotionPriceVnd: 0,
  miniappLinkedToOa: true,
};

/** What Zalo answers a send it accepts: how it was counted, and what it cost the OA. */
export interface Accepted {
  quotaType: "reply" | "sub_quota" | "purchase_quota";
  costVnd: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The Vietnam days a getlist period covers, "all" without one; null for a value Zalo does not take. */
export function periodRange(period: string | undefined, now: number): [number, number] | "all" | null {
  const today = vietnamDayNumber(now);
  if (period === undefined) return "all";
  if (period === "TODAY") return [today, today];
  if (period === "YESTERDAY") return [today - 1, today - 1];
  if (period === "L7D") return [today - 6, today];
  if (period === "L30D") return [today - 29, today];
  const m = /^(\d{4})_(\d{2})_(\d{2}):(\d{4})_(\d{2})_(\d{2})$/.exec(period);
  if (!m) return null;
  const day = (y: string, mo: string, d: string) => Math.floor(Date.UTC(Number(y), Number(mo) - 1, Number(d)) / DAY);
  const a = day(m[1]!, m[2]!, m[3]!);
  const b = day(m[4]!, m[5]!, m[6]!);
  return Number.isFinite(a) && Number.isFinite(b) && a <= b ? [a, b] : null;
}

/** The state of the pretend Zalo: users, what the OA sent them, tokens, and the faults to inject. */
export class SandboxWorld {
  readonly users = new Map<string, SandboxUserState>();
  readonly sent = new Map<string, SentMessage[]>();
  readonly accessTokens = new Map<string, number>();
  readonly refreshTokens = new Set<string>();
  readonly authCodes = new Map<string, { challenge: string; expiresAt: number }>();
  faults: Faults = { ...DEFAULT_FAULTS };
  tokenCalls = { authorizationCode: 0, refresh: 0 };
  /** What a test or benchmark reads back: calls let through and refused, and the most in any 60-second span. */
  readonly quota = { calls: 0, refusedRateLimit: 0, peakPerMinute: 0, firstCallAt: 0, lastCallAt: 0 };
  // Times of the calls within the last minute, oldest first from `head` (a queue without shifting the array).
  private calls: number[] = [];
  private head = 0;
  private seq = 0;

  constructor(private readonly clock: Clock) {
    for (const u of SANDBOX_USERS) this.addUser(u.idByOA, u.name, u.id);
  }

  now(): number {
    return this.clock.now().getTime();
  }

  addUser(id: string, name?: string, appUserId?: string): SandboxUserState {
    const existing = this.users.get(id);
    if (existing) return existing;
    const n = this.users.size + 1;
    const user: SandboxUserState = {
      id,
      appUserId: appUserId ?? `55${id.replace(/\D/g, "").padStart(17, "0").slice(-17)}`,
      name: name ?? `Người dùng thử ${n}`,
      following: false,
      lastInteractionAt: null,
      refusesPromotion: false,
      repliesInWindow: 0,
      grantedUserInfo: false,
      tags: new Set(),
    };
    this.users.set(id, user);
    this.version++;
    return user;
  }

  /** Changes the faults and settings; a new proactiveQuota is also the package's new total. */
  setFaults(patch: Partial<Faults>): Faults {
    this.faults = { ...this.faults, ...patch };
    if (patch.proactiveQuota !== undefined) this.quotaTotal = patch.proactiveQuota;
    return this.faults;
  }

  setFollowing(user: SandboxUserState, following: boolean): void {
    user.following = following;
    this.version++;
  }

  /**
   * Followers who were there before this server existed (an OA in use for years): they never send `follow`, and
   * the server learns of them only from getlist and user/detail. Deterministic: follower i is the same person in
   * every run (and in the app's database when a test seeds it from the same numbers).
   */
  seedPreexisting(from: number, count: number, trait: (i: number) => { id: string; following: boolean; hoursSinceInteraction: number }): void {
    const now = this.now();
    for (let i = from; i < from + count; i++) {
      const f = trait(i);
      const u = this.addUser(f.id);
      u.following = f.following;
      u.lastInteractionAt = now - f.hoursSinceInteraction * HOUR;
    }
    this.version++;
  }

  private listCache = new Map<string, { version: number; users: SandboxUserState[] }>();

  /**
   * getlist's filters (../shared/zalo-platform.md): is_follower, tag_name and last_interaction_period — TODAY,
   * YESTERDAY, L7D (the last 7 days, today included), L30D, or YYYY_MM_DD:YYYY_MM_DD — all by Vietnam dates.
   * Stable order (user id); cached until someone follows, unfollows or interacts.
   */
  followersMatching(filter: { isFollower?: boolean; period?: string; tagName?: string }): SandboxUserState[] | null {
    const range = periodRange(filter.period, this.now());
    if (range === null) return null;
    const key = JSON.stringify(filter);
    const cached = this.listCache.get(key);
    if (cached && cached.version === this.version) return cached.users;
    const users = [...this.users.values()]
      .filter((u) => filter.isFollower === undefined || u.following === filter.isFollower)
      .filter((u) => !filter.tagName || u.tags.has(filter.tagName))
      .filter(
        (u) =>
          range === "all" ||
          (u.lastInteractionAt !== null && vietnamDayNumber(u.lastInteractionAt) >= range[0] && vietnamDayNumber(u.lastInteractionAt) <= range[1]),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (this.listCache.size > 50) this.listCache.clear();
    this.listCache.set(key, { version: this.version, users });
    return users;
  }

  messagesOf(userId: string): SentMessage[] {
    return this.sent.get(userId) ?? [];
  }

  nextMessageId(): string {
    this.seq++;
    return createHash("sha256")
      .update(`${this.now()}:${this.seq}:${randomBytes(4).toString("hex")}`)
      .digest("hex")
      .slice(0, 32);
  }

  /** Counts one OpenAPI call against the per-minute quota; false when the quota is spent. */
  takeQuota(): boolean {
    const t = this.now();
    while (this.head < this.calls.length && this.calls[this.head]! <= t - 60_000) this.head++;
    if (this.head > 4096 && this.head * 2 > this.calls.length) {
      this.calls = this.calls.slice(this.head);
      this.head = 0;
    }
    const inWindow = this.calls.length - this.head;
    if (inWindow >= this.faults.rateLimitPerMinute) {
      this.quota.refusedRateLimit++;
      return false;
    }
    this.calls.push(t);
    const q = this.quota;
    q.calls++;
    q.peakPerMinute = Math.max(q.peakPerMinute, inWindow + 1);
    if (q.firstCallAt === 0) q.firstCallAt = t;
    q.lastCallAt = t;
    return true;
  }

  issueTokens(): { access_token: string; refresh_token: string; expires_in: string } {
    const access = randomBytes(24).toString("base64url");
    const refresh = randomBytes(24).toString("base64url");
    this.accessTokens.set(access, this.now() + this.faults.tokenTtlSeconds * 1000);
    this.refreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: String(this.faults.tokenTtlSeconds) };
  }

  accessTokenState(token: string | undefined): "ok" | "invalid" | "expired" {
    if (!token) return "invalid";
    const exp = this.accessTokens.get(token);
    if (exp === undefined) return "invalid";
    return exp > this.now() ? "ok" : "expired";
  }

  /** The user writes, follows, shares a location…: a new window of free replies opens. */
  interacted(user: SandboxUserState): void {
    user.lastInteractionAt = this.now();
    user.repliesInWindow = 0;
    this.version++;
  }

  /** Bumped whenever who follows or when they last interacted changes (getlist caches its filtered lists by it). */
  version = 0;

  /**
   * Zalo's sending rules, in the order Zalo checks them (../shared/zalo-platform.md, "When a message may be sent"):
   * a negative error code, or how the message is counted. Consultation: free replies within 48 h of the last
   * interaction up to the cap per window, then proactive — the OA's package quota, then Zalo Cloud money, then -211.
   * Promotion: the package (-224), not at night (-234), the user's choice (-244), Zalo Cloud money (-320/-321).
   */
  accept(kind: MessageKind, user: SandboxUserState | undefined): number | Accepted {
    if (!user || !user.following) return -213;
    const f = this.faults;
    const since = user.lastInteractionAt === null ? Infinity : this.now() - user.lastInteractionAt;
    if (kind === "promotion") {
      if (!f.promotionEnabled) return -224;
      const hour = vietnamClock(this.now()).getUTCHours();
      if (hour >= 22 || hour < 6) return -234;
      if (user.refusesPromotion) return -244;
      return this.charge(f.promotionPriceVnd) ?? { quotaType: "purchase_quota", costVnd: f.promotionPriceVnd };
    }
    if (kind === "cs" && since > 7 * 24 * HOUR) return -230;
    const free = since <= 48 * HOUR && (f.freeRepliesPerWindow === 0 || user.repliesInWindow < f.freeRepliesPerWindow);
    return free ? { quotaType: "reply", costVnd: 0 } : this.proactive();
  }

  /** A message beyond the free replies: from the package's quota, else bought with Zalo Cloud money, else -211. */
  private proactive(): number | Accepted {
    const f = this.faults;
    if (f.proactiveQuota > 0) {
      f.proactiveQuota--;
      return { quotaType: "sub_quota", costVnd: 0 };
    }
    if (!f.cloudAccount || f.cloudBalanceVnd < f.paidMessagePriceVnd) return -211;
    f.cloudBalanceVnd -= f.paidMessagePriceVnd;
    return { quotaType: "purchase_quota", costVnd: f.paidMessagePriceVnd };
  }

  /** Takes the price from the Zalo Cloud balance; the error code when that cannot be done. */
  private charge(priceVnd: number): number | null {
    if (!this.faults.cloudAccount) return -320;
    if (this.faults.cloudBalanceVnd < priceVnd) return -321;
    this.faults.cloudBalanceVnd -= priceVnd;
    return null;
  }

  readonly anonymous = new Map<string, AnonymousConversation>();
  /** What the OA spent (VND): paid proactive messages and promotions. */
  spentVnd = 0;
  /** The package's quota of proactive messages at the start (what quota/message reports as total). */
  quotaTotal = DEFAULT_FAULTS.proactiveQuota;
}
