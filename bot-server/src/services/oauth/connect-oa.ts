import { randomBytes } from "node:crypto";
import type { Clock } from "../../lib/clock.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { pkcePair, type OAuthClient, type TokenPair } from "../../zalo/oauth-client.js";

const STATE_TTL_MS = 15 * 60_000;

export interface ConnectOaDeps {
  repos: Repositories;
  clock: Clock;
  oauth: OAuthClient;
}

/** The first step of connecting the OA (OAuth v4 with PKCE): where Zalo's consent page is, for this attempt. */
export async function startOaConnection(deps: ConnectOaDeps, callbackUrl: string): Promise<string> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString("hex");
  await deps.repos.oauthStates.insert({ state, code_verifier: verifier, created_at: deps.clock.now().toISOString() });
  return deps.oauth.authorizeUrl(callbackUrl, challenge, state);
}

export interface FinishOaConnectionDeps extends ConnectOaDeps {
  oaId: string;
  tokens: { store(pair: TokenPair, source: string): Promise<void> };
  log: { error(obj: object, msg: string): void };
}

/** Zalo sent the operator back: the code of a recent attempt, for the configured OA, becomes the stored token pair. */
export async function finishOaConnection(deps: FinishOaConnectionDeps, q: { code: string; state: string; oa_id?: string | undefined }): Promise<void> {
  const row = await deps.repos.oauthStates.take(q.state);
  if (!row || Date.parse(row.created_at) < deps.clock.now().getTime() - STATE_TTL_MS) {
    throw badRequest("invalid_state", "Phiên kết nối đã hết hạn. Hãy bắt đầu lại từ /oauth/zalo/start.");
  }
  if (q.oa_id && q.oa_id !== deps.oaId) throw badRequest("wrong_oa", "Official Account này không phải OA đã cấu hình.");
  let pair;
  try {
    pair = await deps.oauth.exchangeCode(q.code, row.code_verifier);
  } catch (err) {
    deps.log.error({ err }, "OA authorization code exchange failed");
    throw new AppError(502, "oauth_failed", "Zalo không cấp được mã truy cập. Hãy thử kết nối lại.");
  }
  await deps.tokens.store(pair, "oauth");
}
