import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { certificateKey, seedFromSecret, verifyCertificate } from "./certificate-signing.js";

const claims = { c: "K7Q2M9XD4T8B", n: "Nguyễn V. A.", s: "an-toan-mang", d: "2026-12-07", a: "00004" };

describe("certificate signatures (Ed25519)", () => {
  const key = certificateKey(randomBytes(32));
  const published = [{ kid: key.jwk.kid, x: key.jwk.x }];

  it("are verified with the published public key alone, and give back the claims", () => {
    const token = key.sign(claims);
    expect(verifyCertificate(token, published)).toEqual({ ...claims, k: key.kid });
  });

  it("refuse an altered payload, a forged signature, another key's signature and garbage", () => {
    const token = key.sign(claims);
    const [, payload, sig] = token.split(".");
    const altered = Buffer.from(JSON.stringify({ ...claims, n: "Trần T. B.", k: key.kid })).toString("base64url");
    expect(verifyCertificate(`v1.${altered}.${sig}`, published)).toBeNull();
    const flipped = Buffer.from(sig!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyCertificate(`v1.${payload}.${flipped.toString("base64url")}`, published)).toBeNull();
    const other = certificateKey(randomBytes(32));
    // Signed by another key that claims this key's id: the signature does not check out.
    const forged = other.sign(claims).split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, k: key.kid })).toString("base64url");
    expect(verifyCertificate(`v1.${forgedPayload}.${forged[2]}`, published)).toBeNull();
    expect(verifyCertificate(other.sign(claims), published)).toBeNull();
    for (const junk of ["", "v1..", "v2.abc.def", `v1.${payload}`, "v1.!!!.???"]) expect(verifyCertificate(junk, published)).toBeNull();
  });

  it("derive one key from the session secret, the same in every process", () => {
    const a = certificateKey(seedFromSecret("a long session secret of this deployment"));
    const b = certificateKey(seedFromSecret("a long session secret of this deployment"));
    expect(a.jwk).toEqual(b.jwk);
    expect(certificateKey(seedFromSecret("another secret")).kid).not.toBe(a.kid);
  });
});
