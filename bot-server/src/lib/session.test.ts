import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectAppError } from "../../../tests/helpers/errors.js";
import { manualClock } from "../../../tests/helpers/fixture.js";
import { sessionTokens } from "./session.js";

const SECRET = "k".repeat(32);
const verifyAsync = (f: () => unknown) => Promise.resolve().then(f);

describe("sessionTokens", () => {
  it("a token verifies to the learner it was issued for, on the server's clock (even one far from real time)", () => {
    const clock = manualClock(new Date("2020-06-01T00:00:00Z"));
    const s = sessionTokens(SECRET, 120, clock);
    const { token, expiresAt } = s.issue("learner-1");
    expect(expiresAt).toBe("2020-06-01T02:00:00.000Z");
    expect(s.verify(token)).toEqual({ learnerId: "learner-1" });
  });

  it("is valid until its expiry by the server's clock, refused from then on", async () => {
    const clock = manualClock(new Date("2030-01-01T00:00:00Z"));
    const s = sessionTokens(SECRET, 30, clock);
    const { token } = s.issue("learner-1");
    clock.advanceMinutes(29);
    expect(s.verify(token).learnerId).toBe("learner-1");
    clock.advanceMinutes(1);
    await expectAppError(
      verifyAsync(() => s.verify(token)),
      401,
      "invalid_session",
    );
  });

  it("refuses a token signed with another secret", async () => {
    const clock = manualClock();
    const other = sessionTokens("o".repeat(32), 120, clock).issue("learner-1").token;
    await expectAppError(
      verifyAsync(() => sessionTokens(SECRET, 120, clock).verify(other)),
      401,
      "invalid_session",
    );
  });

  it("refuses a token whose payload was changed", async () => {
    const clock = manualClock();
    const s = sessionTokens(SECRET, 120, clock);
    const [h, , sig] = s.issue("learner-1").token.split(".");
    const forged = Buffer.from(JSON.stringify({ sub: "learner-2", iss: "ksc", exp: 4102444800 })).toString("base64url");
    await expectAppError(
      verifyAsync(() => s.verify(`${h}.${forged}.${sig}`)),
      401,
      "invalid_session",
    );
  });

  it("refuses an unsigned (alg none) token and garbage", async () => {
    const clock = manualClock();
    const s = sessionTokens(SECRET, 120, clock);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "learner-1", iss: "ksc", exp: 4102444800 })}.`;
    await expectAppError(
      verifyAsync(() => s.verify(none)),
      401,
      "invalid_session",
    );
    await expectAppError(
      verifyAsync(() => s.verify("abc.def.ghi")),
      401,
      "invalid_session",
    );
  });

  it("refuses a correctly signed token from another issuer or without a subject", async () => {
    const clock = manualClock();
    const s = sessionTokens(SECRET, 120, clock);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const sign = (payload: object) => {
      const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
      return `${body}.${createHmac("sha256", SECRET).update(body).digest("base64url")}`;
    };
    const exp = Math.floor(clock.now().getTime() / 1000) + 3600;
    expect(s.verify(sign({ sub: "learner-1", iss: "ksc", exp })).learnerId).toBe("learner-1");
    await expectAppError(
      verifyAsync(() => s.verify(sign({ sub: "learner-1", iss: "other", exp }))),
      401,
      "invalid_session",
    );
    await expectAppError(
      verifyAsync(() => s.verify(sign({ iss: "ksc", exp }))),
      401,
      "invalid_session",
    );
    await expectAppError(
      verifyAsync(() => s.verify(sign({ sub: "learner-1", exp }))),
      401,
      "invalid_session",
    );
    await expectAppError(
      verifyAsync(() => s.verify(sign({ sub: "learner-1", iss: "ksc" }))),
      401,
      "invalid_session",
    );
  });
});
