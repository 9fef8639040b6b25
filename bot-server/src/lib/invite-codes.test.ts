import { describe, expect, it } from "vitest";
import { inviteCodes } from "./invite-codes.js";

describe("team invite codes", () => {
  const codes = inviteCodes("x".repeat(32));
  const exp = new Date("2026-12-01T00:00:00.000Z");

  it("round-trips team, nonce and expiry", () => {
    const { code, nonce } = codes.sign(42, exp);
    expect(codes.verify(code)).toEqual({ teamId: 42, nonce, expiresAt: exp });
    expect(code).toMatch(/^[A-Za-z0-9_.-]{10,200}$/);
  });

  it("refuses a changed team, expiry or signature, and a code signed under another secret", () => {
    const { code } = codes.sign(42, exp);
    const [t, n, e, s] = code.split(".");
    expect(codes.verify(`43.${n}.${e}.${s}`)).toBeNull();
    expect(codes.verify(`${t}.${n}.${Number(e) + 86400}.${s}`)).toBeNull();
    expect(codes.verify(`${t}.${n}.${e}.${s!.slice(0, -1)}${s!.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(inviteCodes("y".repeat(32)).verify(code)).toBeNull();
    expect(codes.verify("garbage")).toBeNull();
  });
});
