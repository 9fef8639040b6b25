import { createSigner, createVerifier } from "fast-jwt";
import type { Clock } from "./clock.js";
import { unauthorized } from "./errors.js";

export interface Session {
  learnerId: string;
}

export interface SessionTokens {
  issue(learnerId: string): { token: string; expiresAt: string };
  verify(token: string): Session;
}

/** Short-lived HS256 tokens the server issues after checking the learner's Zalo token. */
export function sessionTokens(secret: string, ttlMinutes: number, clock: Clock): SessionTokens {
  const ttlMs = ttlMinutes * 60_000;
  const sign = createSigner({ key: secret, algorithm: "HS256", iss: "ksc" });
  const check = createVerifier({
    key: secret,
    algorithms: ["HS256"],
    allowedIss: "ksc",
    // allowedIss alone lets a token without any iss through: the issuer, subject and expiry must be there.
    requiredClaims: ["iss", "sub", "exp"],
    // Expiry is checked below against the server's Clock; fast-jwt's own check would use the real time instead.
    ignoreExpiration: true,
    cache: 1000,
  });
  return {
    issue(learnerId) {
      const now = clock.now().getTime();
      const exp = Math.floor((now + ttlMs) / 1000);
      const token = sign({ sub: learnerId, iat: Math.floor(now / 1000), exp });
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    verify(token) {
      let payload: { sub?: unknown; exp?: unknown };
      try {
        payload = check(token) as typeof payload;
      } catch {
        throw unauthorized("invalid_session", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.");
      }
      if (typeof payload.sub !== "string" || typeof payload.exp !== "number" || payload.exp * 1000 <= clock.now().getTime()) {
        throw unauthorized("invalid_session", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.");
      }
      return { learnerId: payload.sub };
    },
  };
}
