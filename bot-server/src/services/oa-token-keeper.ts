import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../lib/clock.js";
import type { LockRepository } from "../repositories/locks.js";
import type { OaTokenRepository, OaTokenRow } from "../repositories/oa-tokens.js";
import type { OAuthClient, TokenPair } from "../zalo/oauth-client.js";
import type { TokenSource } from "../zalo/oa-client.js";

export interface TokenKeeperOptions {
  oaId: string;
  tokens: OaTokenRepository;
  locks: LockRepository;
  oauth: OAuthClient;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Refresh this long before the access token expires (it lives 25 hours). */
  refreshAheadMs?: number;
  /** The lock's lease: longer than the token call's timeout, so it cannot lapse while the call is under way. */
  lockLeaseMs?: number;
  waitForOtherMs?: number;
}

export type OaConnection = { status: "ok"; expiresAt: string } | { status: "degraded"; reason: string };

const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600_000;

export class OaNotConnectedError extends Error {}

/**
 * Keeps the OA's access token fresh. Zalo's refresh token is single-use, so a refresh happens under a database
 * lock that outlives the HTTP call, the new pair is stored before anyone uses it, and an error answer from the
 * token endpoint never replaces a good pair.
 */
export function oaTokenKeeper(o: TokenKeeperOptions): TokenSource & {
  store(pair: TokenPair, source: string): Promise<void>;
  /** Stores a first pair only when none is stored: a process starting beside another never replaces a newer pair. */
  seed(pair: TokenPair, source: string): Promise<void>;
  refresh(): Promise<string>;
  connection(): Promise<OaConnection>;
} {
  const refreshAheadMs = o.refreshAheadMs ?? 60 * 60_000;
  const leaseMs = o.lockLeaseMs ?? 60_000;
  const waitMs = o.waitForOtherMs ?? 45_000;
  const lockName = `oa-token:${o.oaId}`;
  const now = () => o.clock.now();

  function toRow(pair: TokenPair, source: string): OaTokenRow {
    const t = now().getTime();
    return {
      oa_id: o.oaId,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      access_expires_at: new Date(t + pair.expiresInSeconds * 1000).toISOString(),
      refresh_expires_at: new Date(t + REFRESH_TOKEN_LIFETIME_MS).toISOString(),
      source,
      updated_at: new Date(t).toISOString(),
      last_error: null,
      last_error_at: null,
    };
  }

  async function current(): Promise<OaTokenRow> {
    const row = await o.tokens.find(o.oaId);
    if (!row)
      throw new OaNotConnectedError("The OA is not connected: open /oauth/zalo/start to connect it, or set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN.");
    return row;
  }

  const fresh = (row: OaTokenRow) => Date.parse(row.access_expires_at) - now().getTime() > refreshAheadMs;

  async function refreshUnderLock(seen: OaTokenRow): Promise<string> {
    const holder = randomUUID();
    const deadline = now().getTime() + waitMs;
    while (!(await o.locks.acquire(lockName, holder, now().toISOString(), new Date(now().getTime() + leaseMs).toISOString()))) {
      // Another process is refreshing: wait for its new pair instead of spending the same refresh token.
      await new Promise((r) => setTimeout(r, 100));
      const row = await current();
      if (row.access_token !== seen.access_token) return row.access_token;
      if (now().getTime() > deadline) throw new Error("timed out waiting for another process to refresh the OA token");
    }
    try {
      const row = await current();
      if (row.access_token !== seen.access_token && fresh(row)) return row.access_token;
      let pair: TokenPair;
      try {
        pair = await o.oauth.refresh(row.refresh_token);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        await o.tokens.recordError(o.oaId, msg, now().toISOString());
        o.log.error(
          { err },
          "OA token refresh failed; the stored tokens are kept. If the refresh token was revoked or expired, reconnect the OA at /oauth/zalo/start",
        );
        throw err;
      }
      await o.tokens.save(toRow(pair, "refresh"));
      o.log.info({ oaId: o.oaId }, "OA access token refreshed");
      return pair.accessToken;
    } finally {
      await o.locks.release(lockName, holder);
    }
  }

  return {
    async accessToken() {
      const row = await current();
      if (fresh(row)) return row.access_token;
      try {
        return await refreshUnderLock(row);
      } catch (err) {
        // Still valid for a while: keep using it and try again on the next call.
        if (Date.parse(row.access_expires_at) > now().getTime()) return row.access_token;
        throw err;
      }
    },
    async refreshAfterRejection(rejected) {
      const row = await current();
      if (row.access_token !== rejected) return row.access_token;
      return refreshUnderLock(row);
    },
    refresh: async () => refreshUnderLock(await current()),
    store: (pair, source) => o.tokens.save(toRow(pair, source)),
    seed: (pair, source) => o.tokens.insertIfAbsent(toRow(pair, source)),
    async connection() {
      const row = await o.tokens.find(o.oaId);
      if (!row) return { status: "degraded", reason: "not_connected" };
      // The reason is a code: Zalo's error text stays in the log, not on a public endpoint.
      if (Date.parse(row.access_expires_at) <= now().getTime()) return { status: "degraded", reason: row.last_error ? "refresh_failed" : "token_expired" };
      if (row.last_error) return { status: "degraded", reason: "refresh_failed" };
      return { status: "ok", expiresAt: row.access_expires_at };
    },
  };
}

export type OaTokenKeeper = ReturnType<typeof oaTokenKeeper>;
