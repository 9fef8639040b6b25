import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { MessageKind, OaMessage } from "../../../shared/schemas/oa.js";
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
}

export const faultsSchema = z.strictObject({
  errorRate: z.number().min(0).max(1),
  errorCode: z.number().int().max(0),
  latencyMs: z.number().int().min(0).max(30_000),
  tokenTtlSeconds: z.number().int().min(1).max(10_000_000),
  refreshErrorCode: z.number().int().max(0).nullable(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000_000),
  promotionEnabled: z.boolean(),
});

export const DEFAULT_FAULTS: Faults = {
  errorRate: 0,
  errorCode: -32,
  latencyMs: 0,
  tokenTtlSeconds: 90_000,
  refreshErrorCode: null,
  rateLimitPerMinute: 4000,
  promotionEnabled: false,
};

const HOUR = 3600_000;

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
    };
    this.users.set(id, user);
    return user;
  }

  messagesOf(userId: string): SentMessage[] {
    return this.sent.get(userId) ?? [];
  }

  nextMessageId(): string {
    this.seq++;
    return createHash("sha256").update(`${this.now()}:${this.seq}:${randomBytes(4).toString("hex")}`).digest("hex").slice(0, 32);
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

  /** Zalo's sending rules, in the order Zalo checks them; 0 when the message may go. */
  refusal(kind: MessageKind, user: SandboxUserState | undefined): number {
    if (!user || !user.following) return -213;
    const since = user.lastInteractionAt === null ? Infinity : this.now() - user.lastInteractionAt;
    if (kind === "cs" && since > 7 * 24 * HOUR) return -230;
    if (kind === "promotion") {
      if (!this.faults.promotionEnabled) return -224;
      const hour = new Date(this.now() + 7 * HOUR).getUTCHours(); // Vietnam time
      if (hour >= 22 || hour < 6) return -234;
      if (user.refusesPromotion) return -244;
    }
    return 0;
  }

  /** Whether a consultation message is free (within 48 h of the user's last interaction) or billed. */
  isBilled(user: SandboxUserState): boolean {
    return user.lastInteractionAt === null || this.now() - user.lastInteractionAt > 48 * HOUR;
  }
}
