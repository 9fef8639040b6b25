import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface InvitePayload {
  teamId: number;
  nonce: string;
  expiresAt: Date;
}

export interface InviteCodes {
  /** A new code for a team: `<teamId>.<nonce>.<expiry seconds>.<signature>`, URL-safe. */
  sign(teamId: number, expiresAt: Date): { code: string; nonce: string };
  /** The payload of a well-formed code with a good signature, or null (expiry is the caller's to check). */
  verify(code: string): InvitePayload | null;
}

/**
 * Team invite codes signed with HMAC-SHA256 under a key of their own (derived from the session secret, so that
 * a session token can never pass for an invite or the other way round). The signature is compared in constant
 * time. The nonce names the invite's row, which records its single use.
 */
export function inviteCodes(sessionSecret: string): InviteCodes {
  const key = createHmac("sha256", sessionSecret).update("ksc/team-invite/v1").digest();
  const mac = (msg: string) => createHmac("sha256", key).update(msg).digest().subarray(0, 16);
  return {
    sign(teamId, expiresAt) {
      const nonce = randomBytes(12).toString("base64url");
      const msg = `${teamId}.${nonce}.${Math.floor(expiresAt.getTime() / 1000)}`;
      return { code: `${msg}.${mac(msg).toString("base64url")}`, nonce };
    },
    verify(code) {
      const m = /^([1-9]\d{0,15})\.([A-Za-z0-9_-]{16})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code);
      if (!m) return null;
      // Compared as text: base64url has several spellings of the same bytes, only the canonical one is accepted.
      const given = Buffer.from(m[4]!);
      const want = Buffer.from(mac(`${m[1]}.${m[2]}.${m[3]}`).toString("base64url"));
      if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
      return { teamId: Number(m[1]), nonce: m[2]!, expiresAt: new Date(Number(m[3]) * 1000) };
    },
  };
}
