import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { oaConnected, sandboxConfig, type SandboxConfig } from "../helpers/oa.js";
import { ZALO_TEST_ENV } from "../helpers/zalo-env.js";

const course = fixtureCourse();
const ZALO_ENV = { ...ZALO_TEST_ENV, ZALO_OAUTH_URL: "http://127.0.0.1:9/oauth" };

const pathOf = (location: string) => {
  const u = new URL(location, "http://localhost");
  return u.pathname + u.search;
};

describe.each(DIALECTS)("OA OAuth routes in sandbox mode on %s", (dialect) => {
  let t: TestApp;
  let cfg: SandboxConfig;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const states = () => t.testDb.db.db.selectFrom("oauth_states").selectAll().execute();
  const tokenRow = (oaId: string) => t.testDb.db.db.selectFrom("oa_tokens").selectAll().where("oa_id", "=", oaId).executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    cfg = await sandboxConfig(t.app);
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  /** GET /oauth/zalo/start, then the sandbox's consent page: the callback URL Zalo would send the browser to. */
  const consent = async () => {
    const start = await t.app.inject({ url: "/oauth/zalo/start" });
    expect(start.statusCode).toBe(302);
    const page = await t.app.inject({ url: pathOf(String(start.headers.location)) });
    expect(page.statusCode).toBe(302);
    return new URL(String(page.headers.location));
  };

  it("/oauth/zalo/start redirects to the consent page with app_id, redirect_uri, a S256 challenge of a 43-character verifier, and a state", async () => {
    const before = (await states()).length;
    const res = await t.app.inject({ url: "/oauth/zalo/start" });
    expect(res.statusCode).toBe(302);
    const to = new URL(String(res.headers.location), "http://localhost");
    expect(to.pathname).toBe("/sandbox/oauth/v4/oa/permission");
    expect(to.searchParams.get("app_id")).toBe(cfg.app_id);
    expect(to.searchParams.get("redirect_uri")).toBe("http://localhost:3000/oauth/zalo/callback");
    const challenge = to.searchParams.get("code_challenge")!;
    const state = to.searchParams.get("state")!;
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state).toMatch(/^[0-9a-f]{32}$/);

    const rows = await states();
    expect(rows).toHaveLength(before + 1);
    const row = rows.find((r) => r.state === state)!;
    expect(row.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createHash("sha256").update(row.code_verifier).digest("base64url")).toBe(challenge);
    expect(row.created_at).toBe(clock.now().toISOString());

    // Each start has its own state and verifier.
    const again = new URL(String((await t.app.inject({ url: "/oauth/zalo/start" })).headers.location), "http://localhost");
    expect(again.searchParams.get("state")).not.toBe(state);
    expect(again.searchParams.get("code_challenge")).not.toBe(challenge);
  });

  it("a full start → sandbox permission → callback stores a working token pair, and uses the state up", async () => {
    const before = await tokenRow(cfg.oa_id);
    const codes = t.app.sandbox!.world.tokenCalls.authorizationCode;
    const callback = await consent();
    expect(callback.pathname).toBe("/oauth/zalo/callback");
    expect(callback.searchParams.get("oa_id")).toBe(cfg.oa_id);
    const state = callback.searchParams.get("state")!;

    clock.advanceMinutes(3);
    const res = await t.app.inject({ url: callback.pathname + callback.search });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("Đã kết nối Official Account thành công");
    expect(t.app.sandbox!.world.tokenCalls.authorizationCode).toBe(codes + 1);

    const row = await tokenRow(cfg.oa_id);
    expect(row).toMatchObject({
      source: "oauth",
      updated_at: clock.now().toISOString(),
      access_expires_at: new Date(clock.now().getTime() + 90_000_000).toISOString(),
      last_error: null,
    });
    expect(row!.access_token).not.toBe(before?.access_token);
    const api = await t.app.inject({
      url: `/sandbox/openapi/v3.0/oa/user/getlist?data=${encodeURIComponent('{"offset":0,"count":1}')}`,
      headers: { access_token: row!.access_token },
    });
    expect(api.json().error).toBe(0);
    expect((await states()).some((s) => s.state === state)).toBe(false);

    // The same callback again (a reload, or someone replaying it): the state is spent.
    const replay = await t.app.inject({ url: callback.pathname + callback.search });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error).toBe("invalid_state");
    expect((await tokenRow(cfg.oa_id))!.access_token).toBe(row!.access_token);
  });

  it("a state never issued → 400 invalid_state, nothing stored", async () => {
    const before = await tokenRow(cfg.oa_id);
    const res = await t.app.inject({ url: "/oauth/zalo/callback?code=abc&state=0123456789abcdef0123456789abcdef" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: "invalid_state", message: expect.any(String), requestId: expect.any(String) });
    expect(await tokenRow(cfg.oa_id)).toEqual(before);
  });

  it("a state older than 15 minutes → 400 invalid_state", async () => {
    const callback = await consent();
    clock.advanceMinutes(16);
    const res = await t.app.inject({ url: callback.pathname + callback.search });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("invalid_state");
  });

  it("another OA's id in the callback → 400 wrong_oa, nothing stored", async () => {
    const before = await tokenRow(cfg.oa_id);
    const callback = await consent();
    callback.searchParams.set("oa_id", "3100000000000000999");
    const res = await t.app.inject({ url: callback.pathname + callback.search });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("wrong_oa");
    expect(await tokenRow(cfg.oa_id)).toEqual(before);
  });

  it("a code Zalo does not take → 502 oauth_failed, the stored pair kept", async () => {
    const before = await tokenRow(cfg.oa_id);
    const callback = await consent();
    callback.searchParams.set("code", "not-a-code-zalo-gave");
    const res = await t.app.inject({ url: callback.pathname + callback.search });
    expect(res.statusCode).toBe(502);
    expect(res.json().error).toBe("oauth_failed");
    expect(await tokenRow(cfg.oa_id)).toEqual(before);
  });

  it.each([
    ["no code", "/oauth/zalo/callback?state=abc"],
    ["no state", "/oauth/zalo/callback?code=abc"],
    ["an empty code", "/oauth/zalo/callback?code=&state=abc"],
  ])("a callback with %s → 400", async (_label, url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(400);
  });
});

describe.each(DIALECTS)("OA OAuth routes outside sandbox mode on %s", (dialect) => {
  describe("without OPERATOR_KEY", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect, { course }, ZALO_ENV);
    });
    afterAll(async () => {
      await t.close();
    });

    it.each(["/oauth/zalo/start", "/oauth/zalo/start?key=", "/oauth/zalo/start?key=some-guess-of-sixteen-chars"])("%s → 403, no state stored", async (url) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ error: "forbidden", message: expect.any(String), requestId: expect.any(String) });
      expect(await t.testDb.db.db.selectFrom("oauth_states").selectAll().execute()).toEqual([]);
    });
  });

  describe("with OPERATOR_KEY", () => {
    let t: TestApp;
    const KEY = "operator-key-of-the-team-2025";
    beforeAll(async () => {
      t = await createTestApp(dialect, { course }, { ...ZALO_ENV, OPERATOR_KEY: KEY, PUBLIC_URL: "https://ksc.example.vn" });
    });
    afterAll(async () => {
      await t.close();
    });

    it.each(["/oauth/zalo/start", `/oauth/zalo/start?key=${KEY}x`, `/oauth/zalo/start?key=${KEY.toUpperCase()}`])(
      "%s (no key or a wrong one) → 403",
      async (url) => {
        const res = await t.app.inject({ url });
        expect(res.statusCode).toBe(403);
      },
    );

    it("the right key → redirect to Zalo's consent page with the configured app id and the public callback URL", async () => {
      const res = await t.app.inject({ url: `/oauth/zalo/start?key=${KEY}` });
      expect(res.statusCode).toBe(302);
      const to = new URL(String(res.headers.location));
      expect(to.origin + to.pathname).toBe("http://127.0.0.1:9/oauth/v4/oa/permission");
      expect(to.searchParams.get("app_id")).toBe("4100000000000000001");
      expect(to.searchParams.get("redirect_uri")).toBe("https://ksc.example.vn/oauth/zalo/callback");
      expect(to.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(to.searchParams.get("state")).toMatch(/^[0-9a-f]{32}$/);
    });

    it("a callback with a bad state → 400 invalid_state", async () => {
      const res = await t.app.inject({ url: "/oauth/zalo/callback?code=abc&state=nope" });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe("invalid_state");
    });
  });
});
