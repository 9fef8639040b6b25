import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionTokens } from "../../bot-server/src/lib/session.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { answers, attempt, completion, FIXED_NOW, fixtureCourse, manualClock, optionIds } from "../helpers/fixture.js";
import { snapshot } from "../helpers/rows.js";

const course = fixtureCourse();
const SYNC = "/api/v1/progress/sync";
const AUTH = "/api/v1/auth/zalo";
const PROGRESS = "/api/v1/progress";
const LIMIT = 262_144;

/** Checks a refusal: status, the exact error body, and nothing of the server's insides in it. */
function expectRefusal(res: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: res.statusCode, error: res.json().error }).toEqual({ status, error: code });
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(["error", "message", "requestId"]);
  expect(body.message).toEqual(expect.any(String));
  expect(body.message.length).toBeGreaterThan(0);
  expect(body.requestId).toEqual(expect.any(String));
  expect(res.body).not.toMatch(/stack|\bat .+\.(ts|js):\d+|select |insert into|sqlite|postgres|relation "|node_modules/i);
}

/** A JSON body of exactly `bytes` bytes: {"accessToken":"xxxx…"}. */
function jsonOfSize(bytes: number, key = "accessToken"): string {
  const shell = JSON.stringify({ [key]: "" });
  return JSON.stringify({ [key]: "x".repeat(bytes - shell.length) });
}

describe.each(DIALECTS)("bad input on %s", (dialect) => {
  let t: TestApp;
  let token: string;
  const clock = manualClock();
  let baseline: Awaited<ReturnType<typeof snapshot>>;
  const json = { "content-type": "application/json" };
  const bearer = () => ({ authorization: `Bearer ${token}` });
  const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url, headers: { ...json, ...headers }, payload: typeof payload === "string" ? payload : JSON.stringify(payload) });
  const sync = (payload: string | object, headers: Record<string, string> = bearer()) => post(SYNC, payload, headers);

  /** The refusal left every stored row as it was. */
  const unchanged = async () => expect(await snapshot(t.testDb.db.db)).toEqual(baseline);

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    ({ token } = await signInAs(t.app, 0));
    await signInAs(t.app, 1);
    const seeded = await sync({ events: [completion("bat-may"), attempt("bat-may", { wrong: ["q1"] })] });
    expect(seeded.statusCode).toBe(200);
    baseline = await snapshot(t.testDb.db.db);
    expect(baseline.attempts).toHaveLength(1);
  });
  afterAll(async () => {
    await t.close();
  });

  describe("malformed JSON → 400 malformed_json", () => {
    it.each([
      ["POST /api/v1/auth/zalo", AUTH],
      ["POST /api/v1/progress/sync", SYNC],
    ])("%s", async (_name, url) => {
      const headers = url === SYNC ? bearer() : {};
      for (const payload of ['{"accessToken": "abc"', "{bad", "", '{"accessToken":"x","__proto__":{"admin":true}}']) {
        expectRefusal(await post(url, payload, headers), 400, "malformed_json");
      }
      await unchanged();
    });
  });

  describe("wrong types → 400 invalid_request", () => {
    it.each([
      ["a number token", { accessToken: 123 }],
      ["an empty token", { accessToken: "" }],
      ["a token too long", { accessToken: "x".repeat(2049) }],
      ["no token", {}],
      ["an array", [{ accessToken: "x" }]],
      ["null", null],
    ])("POST /api/v1/auth/zalo with %s", async (_name, body) => {
      expectRefusal(await post(AUTH, JSON.stringify(body)), 400, "invalid_request");
      await unchanged();
    });

    const good = () => attempt("ket-noi-wifi");
    it.each([
      ["events not a list", () => ({ events: "x" })],
      ["no events", () => ({ events: [] })],
      ["more than 50 events", () => ({ events: Array.from({ length: 51 }, () => completion("ket-noi-wifi")) })],
      ["an unknown event kind", () => ({ events: [{ ...good(), kind: "score" }] })],
      ["a lesson id that is a number", () => ({ events: [{ ...good(), lessonId: 5 }] })],
      ["an event id that is not a UUID", () => ({ events: [{ ...good(), id: "1" }] })],
      ["a time that is not ISO-8601", () => ({ events: [{ ...good(), at: "hôm qua" }] })],
      ["an answer that is not a list", () => ({ events: [{ ...good(), answers: [{ questionId: "q1", answer: 2 }] }] })],
      ["a negative option index", () => ({ events: [{ ...good(), answers: [{ questionId: "q1", answer: [-1] }] }] })],
      ["a question id of the wrong form", () => ({ events: [{ ...good(), answers: [{ questionId: "cau-1", answer: ["abc"] }] }] })],
      ["a ref code with spaces", () => ({ events: [good()], ref: "xa an binh" })],
      ["no body at all", () => "null"],
    ])("POST /api/v1/progress/sync with %s", async (_name, body) => {
      expectRefusal(await sync(body()), 400, "invalid_request");
      await unchanged();
    });
  });

  describe("unknown fields → 400 invalid_request", () => {
    it("POST /api/v1/auth/zalo with an extra field", async () => {
      expectRefusal(await post(AUTH, { accessToken: "x", admin: true }), 400, "invalid_request");
      await unchanged();
    });

    it.each([
      ["at the top", () => ({ events: [attempt("ket-noi-wifi")], learnerId: "someone-else" })],
      ["in an event (a claimed score)", () => ({ events: [{ ...attempt("ket-noi-wifi"), scorePct: 100 }] })],
      ["in a completion", () => ({ events: [{ ...completion("ket-noi-wifi"), read: true }] })],
      ["in an answer", () => ({ events: [attempt("ket-noi-wifi", { answers: answers("ket-noi-wifi").map((a) => ({ ...a, correct: true })) })] })],
    ])("POST /api/v1/progress/sync with an extra field %s", async (_name, body) => {
      expectRefusal(await sync(body()), 400, "invalid_request");
      await unchanged();
    });
  });

  describe("oversized body → 413 body_too_large", () => {
    it("POST /api/v1/auth/zalo: one byte over 256 KB is refused, exactly 256 KB is read", async () => {
      expectRefusal(await post(AUTH, jsonOfSize(LIMIT + 1)), 413, "body_too_large");
      // At the limit the body is read, then refused by the schema for a token that long.
      expectRefusal(await post(AUTH, jsonOfSize(LIMIT)), 400, "invalid_request");
      await unchanged();
    });

    it("POST /api/v1/progress/sync", async () => {
      expectRefusal(await sync(jsonOfSize(LIMIT + 1, "events")), 413, "body_too_large");
      expectRefusal(await sync(jsonOfSize(4 * LIMIT, "events")), 413, "body_too_large");
      await unchanged();
    });
  });

  describe("content the course does not have", () => {
    it("an unknown lesson id → 404 lesson_not_found", async () => {
      expectRefusal(await sync({ events: [{ ...attempt("ket-noi-wifi"), lessonId: "bai-khong-co" }] }), 404, "lesson_not_found");
      expectRefusal(await sync({ events: [completion("bai-khong-co")] }), 404, "lesson_not_found");
      await unchanged();
    });

    it("an unknown question id → 404 question_not_found", async () => {
      const list = answers("ket-noi-wifi").map((a) => (a.questionId === "q5" ? { ...a, questionId: "q9" } : a));
      expectRefusal(await sync({ events: [attempt("ket-noi-wifi", { answers: list })] }), 404, "question_not_found");
      await unchanged();
    });

    it("a good event beside the bad one is not stored either", async () => {
      expectRefusal(await sync({ events: [completion("ket-noi-wifi"), completion("bai-khong-co")], ref: "xa-an-binh" }), 404, "lesson_not_found");
      await unchanged();
    });

    it("a badly shaped answer → 400 invalid_answer; an incomplete attempt → 400 incomplete_attempt", async () => {
      const twoForSingle = answers("ket-noi-wifi").map((a) => (a.questionId === "q2" ? { ...a, answer: optionIds("ket-noi-wifi", "q2", [0, 2]) } : a));
      expectRefusal(await sync({ events: [attempt("ket-noi-wifi", { answers: twoForSingle })] }), 400, "invalid_answer");
      expectRefusal(await sync({ events: [attempt("ket-noi-wifi", { answers: answers("ket-noi-wifi").slice(1) })] }), 400, "incomplete_attempt");
      await unchanged();
    });

    it("an event from the future → 400 event_in_future", async () => {
      const at = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
      expectRefusal(await sync({ events: [completion("ket-noi-wifi", { at })] }), 400, "event_in_future");
      await unchanged();
    });
  });

  describe("sessions", () => {
    const validSync = () => ({ events: [completion("ket-noi-wifi")] });

    it.each([
      ["no Authorization header", {}],
      ["an empty Authorization header", { authorization: "" }],
      ["a Basic Authorization header", { authorization: "Basic dXNlcjpwYXNz" }],
      ["Bearer without a token", { authorization: "Bearer " }],
      ["a token with characters a JWT cannot have", { authorization: "Bearer abc def ghi jkl" }],
    ])("%s → 401 missing_session on both progress endpoints", async (_name, headers: Record<string, string>) => {
      expectRefusal(await sync(validSync(), headers), 401, "missing_session");
      expectRefusal(await t.app.inject({ url: PROGRESS, headers }), 401, "missing_session");
      await unchanged();
    });

    it("a token that is not ours → 401 invalid_session", async () => {
      const foreign = sessionTokens("f".repeat(32), 120, clock).issue(baseline.learners[0]!.id).token;
      const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
      for (const bad of ["abc.def.ghijklmnop", foreign, tampered]) {
        expectRefusal(await sync(validSync(), { authorization: `Bearer ${bad}` }), 401, "invalid_session");
        expectRefusal(await t.app.inject({ url: PROGRESS, headers: { authorization: `Bearer ${bad}` } }), 401, "invalid_session");
      }
      await unchanged();
    });

    it("an expired session token (120 minutes by the server's clock) → 401 invalid_session", async () => {
      const fresh = await signInAs(t.app, 2);
      const before = await snapshot(t.testDb.db.db);
      expect((await t.app.inject({ url: PROGRESS, headers: { authorization: `Bearer ${fresh.token}` } })).statusCode).toBe(200);
      clock.advanceMinutes(119);
      expect((await t.app.inject({ url: PROGRESS, headers: { authorization: `Bearer ${fresh.token}` } })).statusCode).toBe(200);
      clock.advanceMinutes(1);
      try {
        expectRefusal(await t.app.inject({ url: PROGRESS, headers: { authorization: `Bearer ${fresh.token}` } }), 401, "invalid_session");
        expectRefusal(await sync(validSync(), { authorization: `Bearer ${fresh.token}` }), 401, "invalid_session");
      } finally {
        clock.set(FIXED_NOW);
      }
      expect(await snapshot(t.testDb.db.db)).toEqual(before);
      baseline = before;
    });
  });

  describe("requests the API does not take", () => {
    it.each([
      ["text/plain", "text/plain", '{"accessToken":"x"}'],
      ["text/plain with a charset", "text/plain;charset=UTF-8", '{"accessToken":"x"}'],
      ["a form", "application/x-www-form-urlencoded", "accessToken=x"],
      ["XML", "application/xml", "<accessToken>x</accessToken>"],
    ])("a %s body → 415 unsupported_media_type", async (_name, type, payload) => {
      expectRefusal(await post(AUTH, payload, { "content-type": type }), 415, "unsupported_media_type");
      expectRefusal(await sync(payload, { ...bearer(), "content-type": type }), 415, "unsupported_media_type");
      await unchanged();
    });

    it.each([
      ["GET", "/api/v1/nope"],
      ["POST", "/api/v1/progress/nope"],
      ["PUT", PROGRESS],
      ["DELETE", SYNC],
    ] as const)("%s %s → 404 not_found as JSON", async (method, url) => {
      expectRefusal(await t.app.inject({ method, url, headers: bearer() }), 404, "not_found");
    });
  });

  it("after all of that the server still answers, and the data is as it was", async () => {
    const health = await t.app.inject({ url: "/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "ok", database: { status: "ok", dialect } });
    const ok = await sync({ events: [attempt("ket-noi-wifi")] });
    expect(ok.statusCode).toBe(200);
    const progress = (await t.app.inject({ url: PROGRESS, headers: bearer() })).json();
    expect(progress.lessons).toEqual([
      { lessonId: "bat-may", read: true, attempts: 1, bestScorePct: 67, passed: false },
      { lessonId: "ket-noi-wifi", read: false, attempts: 1, bestScorePct: 100, passed: true },
    ]);
  });
});

describe.each(DIALECTS)("a database failure on %s", (dialect) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course });
    ({ token } = await signInAs(t.app, 0));
    await sql`DROP TABLE lesson_completions`.execute(t.testDb.db.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it("→ 500 internal_error with no SQL, table name or stack in the answer", async () => {
    const res = await t.app.inject({ url: PROGRESS, headers: { authorization: `Bearer ${token}` } });
    expectRefusal(res, 500, "internal_error");
    expect(res.body).not.toContain("lesson_completions");
    const s = await t.app.inject({ method: "POST", url: SYNC, headers: { authorization: `Bearer ${token}` }, payload: { events: [completion("bat-may")] } });
    expectRefusal(s, 500, "internal_error");
    expect(s.body).not.toContain("lesson_completions");
  });
});
