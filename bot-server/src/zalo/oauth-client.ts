import { createHash, randomBytes } from "node:crypto";
import axios, { type AxiosAdapter } from "axios";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export class OAuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "OAuthError";
  }
}

/** PKCE (S256): a 43-character verifier and its challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url"); // 43 characters
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface OAuthClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
  adapter?: AxiosAdapter;
}

export interface OAuthClient {
  authorizeUrl(redirectUri: string, challenge: string, state: string): string;
  exchangeCode(code: string, verifier: string): Promise<TokenPair>;
  refresh(refreshToken: string): Promise<TokenPair>;
}

/**
 * Zalo OAuth v4 for the OA. Error answers may come with HTTP 200 ({error: -14xxx, error_name, error_description}):
 * anything without both tokens is an error, never a token.
 */
export function oauthClient(opts: OAuthClientOptions): OAuthClient {
  const http = axios.create({
    baseURL: opts.baseUrl.replace(/\/$/, ""),
    timeout: opts.timeoutMs ?? 15_000,
    validateStatus: () => true,
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });

  async function token(form: Record<string, string>): Promise<TokenPair> {
    let res;
    try {
      res = await http.post("/v4/oa/access_token", new URLSearchParams({ app_id: opts.appId, ...form }).toString(), {
        headers: { secret_key: opts.appSecret, "content-type": "application/x-www-form-urlencoded" },
      });
    } catch (err) {
      throw new OAuthError("network_error", err instanceof Error ? err.message : "network error");
    }
    const b = (res.data ?? {}) as Record<string, unknown>;
    const access = typeof b.access_token === "string" ? b.access_token : "";
    const refresh = typeof b.refresh_token === "string" ? b.refresh_token : "";
    const expires = Number(b.expires_in);
    if (res.status !== 200 || b.error || !access || !refresh || !Number.isFinite(expires) || expires <= 0) {
      const code = b.error !== undefined ? String(b.error) : `http_${res.status}`;
      throw new OAuthError(code, String(b.error_description ?? b.error_name ?? b.message ?? `token endpoint answered HTTP ${res.status}`));
    }
    return { accessToken: access, refreshToken: refresh, expiresInSeconds: expires };
  }

  return {
    authorizeUrl(redirectUri, challenge, state) {
      const q = new URLSearchParams({ app_id: opts.appId, redirect_uri: redirectUri, code_challenge: challenge, state });
      return `${opts.baseUrl.replace(/\/$/, "")}/v4/oa/permission?${q}`;
    },
    exchangeCode: (code, verifier) => token({ grant_type: "authorization_code", code, code_verifier: verifier }),
    refresh: (refreshToken) => token({ grant_type: "refresh_token", refresh_token: refreshToken }),
  };
}
