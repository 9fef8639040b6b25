import { createHmac, timingSafeEqual } from "node:crypto";

/** User access tokens the sandbox issues in place of Zalo: "<userId>.<expiry seconds>.<signature>". */
export function issueUserToken(key: string, userId: string, expiresAt: Date): string {
  const body = `${userId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

export function readUserToken(key: string, token: string, now: Date): string | null {
  const m = /^(\d{1,25})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = createHmac("sha256", key).update(`${m[1]}.${m[2]}`).digest();
  const given = Buffer.from(m[3]!, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(m[2]) * 1000 <= now.getTime()) return null;
  return m[1]!;
}
