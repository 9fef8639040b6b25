import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from "node:crypto";

/**
 * Certificates are signed with Ed25519 so that anyone can check one with the published public key alone, offline,
 * from its QR code: `v1.<payload>.<signature>`, both base64url, the payload a JSON object of short fields.
 */
export interface CertificateClaims {
  /** The certificate's code, as on the page and in /verify/<code>. */
  c: string;
  /** The holder's name shortened for privacy ("Nguyễn V. A."): the QR code is public. */
  n: string;
  /** The skill's id, or "core" for all five core skills. */
  s: string;
  /** The day it was issued (YYYY-MM-DD, Vietnam time). */
  d: string;
  /** The commune's code. */
  a: string;
  /** The signing key's id. */
  k: string;
}

export interface CertificateKey {
  kid: string;
  sign(claims: Omit<CertificateClaims, "k">): string;
  /** The public key as a JWK (RFC 8037: kty OKP, crv Ed25519). */
  jwk: { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };
}

/** PKCS#8 DER of an Ed25519 private key from its 32-byte seed (RFC 8410). */
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

const b64url = (b: Buffer) => b.toString("base64url");

/**
 * The signing key: from CERTIFICATE_SIGNING_KEY (the 32-byte seed in hex), else derived from the session secret
 * (HKDF, so every process agrees and no other secret is needed), else made for this process (sandbox only).
 */
export function certificateKey(seed: Buffer): CertificateKey {
  if (seed.length !== 32) throw new Error("an Ed25519 seed is 32 bytes");
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const x = (publicKey.export({ format: "jwk" }) as { x: string }).x;
  const kid = createHash("sha256").update(Buffer.from(x, "base64url")).digest("base64url").slice(0, 12);
  return {
    kid,
    jwk: { kty: "OKP", crv: "Ed25519", x, kid, alg: "EdDSA", use: "sig" },
    sign(claims) {
      const payload = Buffer.from(JSON.stringify({ ...claims, k: kid }), "utf8");
      return `v1.${b64url(payload)}.${b64url(sign(null, payload, privateKey))}`;
    },
  };
}

export function seedFromSecret(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "ksc-certificates", "ed25519-seed-v1", 32));
}

/**
 * Checks a certificate's signed text with public keys alone (what a verifier holds offline): the claims when one
 * of the keys signed exactly these bytes, else null. Nothing of the server is needed.
 */
export function verifyCertificate(token: string, keys: { kid: string; x: string }[]): CertificateClaims | null {
  const m = /^v1\.([A-Za-z0-9_-]{10,2000})\.([A-Za-z0-9_-]{80,90})$/.exec(token);
  if (!m) return null;
  const payload = Buffer.from(m[1]!, "base64url");
  let claims: CertificateClaims;
  try {
    claims = JSON.parse(payload.toString("utf8")) as CertificateClaims;
  } catch {
    return null;
  }
  const key = keys.find((k) => k.kid === claims.k);
  if (!key) return null;
  const publicKey: KeyObject = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: key.x }, format: "jwk" });
  return verify(null, payload, publicKey, Buffer.from(m[2]!, "base64url")) ? claims : null;
}
