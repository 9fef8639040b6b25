import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../bot-server/src/lib/errors.js";
import { injectAdapter } from "../../bot-server/src/sandbox/inject-adapter.js";
import { issueUserToken } from "../../bot-server/src/sandbox/user-tokens.js";
import { graphClient } from "../../bot-server/src/zalo/graph-client.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { startGraphStub, type GraphStub } from "../helpers/graph-stub.js";
import { countRows } from "../helpers/rows.js";

const course = fixtureCourse();
const SANDBOX_AN = "5500000000000000001";

async function sandboxToken(t: TestApp, userId = SANDBOX_AN): Promise<string> {
  const res = await t.app.inject({ method: "POST", url: `/sandbox/users/${userId}/token` });
  expect(res.statusCode).toBe(200);
  return res.json().access_token as string;
}

const signInWith = (t: TestApp, accessToken: string, userInfoConsent?: boolean) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/zalo", payload: { accessToken, ...(userInfoConsent === undefined ? {} : { userInfoConsent }) } });

describe("graphClient against a real HTTP server", () => {
  let stub: GraphStub;
  beforeAll(async () => {
    stub = await startGraphStub("the-app-secret");
  });
  afterAll(async () => {
    await stub.close();
  });

  it("sends the token and appsecret_proof = hex HMAC-SHA256 of the token keyed by the app secret", async () => {
    stub.users.set("user-token-1", { id: "42", name: "Chị Mai", user_id_by_oa: "99" });
    const profile = await graphClient({ baseUrl: stub.url, appSecret: "the-app-secret" }).me("user-token-1");
    expect(profile).toEqual({ id: "42", name: "Chị Mai", idByOA: "99" });

    const req = stub.requests.at(-1)!;
    const expected = createHmac("sha256", "the-app-secret").update("user-token-1").digest("hex");
    expect(req.headers["appsecret_proof"]).toBe(expected);
    expect(req.headers["appsecret_proof"]).toMatch(/^[0-9a-f]{64}$/);
    expect(req.headers["access_token"]).toBe("user-token-1");
    const url = new URL(req.url, stub.url);
    expect(url.pathname).toBe("/v2.0/me");
    expect(url.searchParams.get("fields")).toBe("id,name,user_id_by_oa");
  });

  it("a trailing slash in the base URL does not change the path", async () => {
    stub.users.set("user-token-2", { id: "43", name: "Anh Tư" });
    await graphClient({ baseUrl: `${stub.url}/`, appSecret: "the-app-secret" }).me("user-token-2");
    expect(new URL(stub.requests.at(-1)!.url, stub.url).pathname).toBe("/v2.0/me");
  });

  it("Zalo's answer to a wrong proof (HTTP 200, error -242) becomes 401 zalo_token_invalid", async () => {
    stub.users.set("user-token-3", { id: "44", name: "Bác Ba" });
    const err = await graphClient({ baseUrl: stub.url, appSecret: "wrong-secret" })
      .me("user-token-3")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ statusCode: 401, code: "zalo_token_invalid" });
  });
});

describe.each(DIALECTS)("sign-in in sandbox mode on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-05-10T03:00:00.000Z"));

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it("GET /sandbox/config returns exactly app_id, app_secret, miniapp_id, oa_id and oa_secret_key", async () => {
    const res = await t.app.inject({ url: "/sandbox/config" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["app_id", "app_secret", "miniapp_id", "oa_id", "oa_secret_key"]);
    for (const v of Object.values(body)) expect(v).toEqual(expect.any(String));
    expect(body.miniapp_id).toBe(t.app.zalo.ids.miniappId);
  });

  it("signs in through the sandbox's Graph stand-in, creating the learner once", async () => {
    const first = await signInAs(t.app, 0, { shareName: false });
    const second = await signInAs(t.app, 0, { shareName: false });
    expect(second.learnerId).toBe(first.learnerId);
    // Without the person's consent (authorize scope.userInfo) Zalo names no one: "Người học".
    const row = await t.testDb.db.db.selectFrom("learners").selectAll().where("id", "=", first.learnerId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ zalo_user_id: SANDBOX_AN, name: "Người học", id_by_oa: "7700000000000000001", name_consent_at: null });

    const res = await signInWith(t, await sandboxToken(t));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      token: expect.any(String),
      expiresAt: new Date(clock.now().getTime() + 120 * 60_000).toISOString(),
      learner: { id: first.learnerId, name: "Người học", refCode: null, nameSaved: false },
    });
    const me = await t.app.inject({ url: "/api/v1/progress", headers: { authorization: `Bearer ${res.json().token}` } });
    expect(me.statusCode).toBe(200);
  });

  // zalo-platform.md "Names" (zmp-sdk ≥ 2.35): getUserInfo/Graph give the name only after authorize({ scopes:
  // ["scope.userInfo"] }); the server keeps it only when the sign-in says the person agreed.
  it("the name comes only after the person agrees to share it (scope.userInfo), and stays", async () => {
    const B = "5500000000000000002";
    const refuse = await t.app.inject({ method: "POST", url: `/sandbox/users/${B}/authorize`, payload: { scopes: ["scope.userInfo"], allow: false } });
    expect(refuse.json()).toEqual({ "scope.userInfo": false });
    expect((await signInWith(t, await sandboxToken(t, B), true)).json().learner).toMatchObject({ name: "Người học", nameSaved: true });
    await t.app.inject({ method: "POST", url: `/sandbox/users/${B}/authorize`, payload: { scopes: ["scope.userInfo"] } });
    // Zalo now gives the name, but the sign-in did not say the person agreed: nothing changes…
    expect((await signInWith(t, await sandboxToken(t, "5500000000000000004"))).json().learner).toMatchObject({ name: "Người học", nameSaved: false });
    // …while for someone who agreed it is kept, and stays on later sign-ins.
    expect((await signInWith(t, await sandboxToken(t, B), true)).json().learner).toMatchObject({ name: "Trần Thị Bình", nameSaved: true });
    expect((await signInWith(t, await sandboxToken(t, B))).json().learner).toMatchObject({ name: "Trần Thị Bình", nameSaved: true });
  });

  it("user_id_by_oa comes only when the mini app is linked to the OA; /health says when it never arrives", async () => {
    expect((await t.app.inject({ url: "/health" })).json().miniappOaLink).toBe("linked");
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: { miniappLinkedToOa: false } });
    const token = await sandboxToken(t, "5500000000000000005");
    const raw = await t.app.inject({
      url: "/sandbox/graph/v2.0/me?fields=id,name,user_id_by_oa",
      headers: {
        access_token: token,
        appsecret_proof: createHmac("sha256", (await t.app.inject({ url: "/sandbox/config" })).json().app_secret)
          .update(token)
          .digest("hex"),
      },
    });
    expect(raw.json()).not.toHaveProperty("user_id_by_oa");
    await signInWith(t, token);
    const row = await t.testDb.db.db.selectFrom("learners").selectAll().where("zalo_user_id", "=", "5500000000000000005").executeTakeFirstOrThrow();
    expect(row.id_by_oa).toBeNull();
    // Once seen linked, a sign-in without it changes nothing (a stale link would not unsay it)…
    expect((await t.app.inject({ url: "/health" })).json().miniappOaLink).toBe("linked");
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: { miniappLinkedToOa: true } });
  });

  it("a forged Zalo token → 401 zalo_token_invalid, nothing stored", async () => {
    const before = await countRows(t.testDb.db.db);
    const real = await sandboxToken(t);
    const [, exp, sig] = real.split(".");
    const forgedUser = `5500000000000000002.${exp}.${sig}`;
    const otherKey = issueUserToken("not-the-sandbox-key", SANDBOX_AN, new Date(clock.now().getTime() + 3_600_000));
    for (const token of [forgedUser, otherKey, "not-a-token"]) {
      const res = await signInWith(t, token);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: "zalo_token_invalid", message: expect.any(String), requestId: expect.any(String) });
    }
    expect(await countRows(t.testDb.db.db)).toEqual(before);
  });

  it("an expired Zalo token → 401 zalo_token_invalid", async () => {
    const token = await sandboxToken(t, "5500000000000000003");
    clock.advanceMinutes(61);
    const res = await signInWith(t, token);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe("zalo_token_invalid");
    const fresh = await signInWith(t, await sandboxToken(t, "5500000000000000003"));
    expect(fresh.statusCode).toBe(200);
  });

  it("the sandbox refuses a wrong appsecret_proof as Zalo does (-242), which sign-in turns into 401", async () => {
    const token = await sandboxToken(t);
    const { app_secret } = (await t.app.inject({ url: "/sandbox/config" })).json();
    const raw = await t.app.inject({
      url: "/sandbox/graph/v2.0/me?fields=id,name",
      headers: { access_token: token, appsecret_proof: createHmac("sha256", "wrong").update(token).digest("hex") },
    });
    expect(raw.statusCode).toBe(200);
    expect(raw.json()).toMatchObject({ error: -242 });

    const right = await t.app.inject({
      url: "/sandbox/graph/v2.0/me?fields=id,name",
      headers: { access_token: token, appsecret_proof: createHmac("sha256", app_secret).update(token).digest("hex") },
    });
    expect(right.json()).toMatchObject({ id: SANDBOX_AN, error: 0 });
    expect(right.json()).not.toHaveProperty("name"); // not shared yet

    const base = "http://sandbox.local/sandbox/graph";
    const wrongClient = graphClient({ baseUrl: base, appSecret: "wrong", adapter: injectAdapter(t.app) });
    await expect(wrongClient.me(token)).rejects.toMatchObject({ statusCode: 401, code: "zalo_token_invalid" });
    const rightClient = graphClient({ baseUrl: base, appSecret: app_secret, adapter: injectAdapter(t.app) });
    await expect(rightClient.me(token)).resolves.toEqual({ id: SANDBOX_AN, name: "Người học", idByOA: "7700000000000000001" });
  });

  it("an unknown sandbox user cannot get a token", async () => {
    const res = await t.app.inject({ method: "POST", url: "/sandbox/users/5599999999999999999/token" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe("sandbox_user_not_found");
  });
});

describe.each(DIALECTS)("sign-in with Zalo credentials configured on %s", (dialect) => {
  const APP_SECRET = "configured-app-secret";
  let stub: GraphStub;
  let t: TestApp;

  beforeAll(async () => {
    stub = await startGraphStub(APP_SECRET);
    t = await createTestApp(
      dialect,
      { course },
      {
        ZALO_APP_ID: "4100000000000000001",
        ZALO_APP_SECRET: APP_SECRET,
        ZALO_MINIAPP_ID: "4100000000000000002",
        ZALO_OA_ID: "4100000000000000003",
        ZALO_OA_SECRET_KEY: "oa-secret-key-for-tests",
        SESSION_SECRET: "a-session-secret-of-at-least-32-chars!",
        ZALO_GRAPH_URL: stub.url,
      },
    );
  });
  afterAll(async () => {
    await t.close();
    await stub.close();
  });

  it.each([
    ["GET", "/sandbox/config"],
    ["GET", "/sandbox/users"],
    ["POST", "/sandbox/users/5500000000000000001/token"],
    ["GET", "/sandbox/graph/v2.0/me"],
  ] as const)("%s %s is 404: the sandbox is not mounted", async (method, url) => {
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe("not_found");
  });

  it("reports Zalo mode and the configured mini app id", async () => {
    expect((await t.app.inject({ url: "/health" })).json().sandbox).toBe(false);
    expect((await t.app.inject({ url: "/api/v1/meta" })).json()).toEqual({
      sandbox: false,
      miniappId: "4100000000000000002",
      passRatio: 0.8,
      oaId: "4100000000000000003",
    });
  });

  it("sign-in asks the configured ZALO_GRAPH_URL, with the configured app secret's proof", async () => {
    stub.users.set("real-zalo-token", { id: "8800000000000000001", name: "Cô Hạnh", user_id_by_oa: "8800000000000000999" });
    // Zalo's answer names her, but she has not agreed in the mini app yet: "Người học" until she does.
    expect((await signInWith(t, "real-zalo-token")).json().learner).toMatchObject({ name: "Người học", nameSaved: false });
    expect((await t.app.inject({ url: "/health" })).json().miniappOaLink).toBe("linked");
    const res = await signInWith(t, "real-zalo-token", true);
    expect(res.statusCode).toBe(200);
    expect(res.json().learner).toEqual({ id: expect.any(String), name: "Cô Hạnh", refCode: null, nameSaved: true });
    const req = stub.requests.at(-1)!;
    expect(req.headers["access_token"]).toBe("real-zalo-token");
    expect(req.headers["appsecret_proof"]).toBe(createHmac("sha256", APP_SECRET).update("real-zalo-token").digest("hex"));
    const row = await t.testDb.db.db.selectFrom("learners").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ zalo_user_id: "8800000000000000001", name: "Cô Hạnh", id_by_oa: "8800000000000000999" });

    const progress = await t.app.inject({ url: "/api/v1/progress", headers: { authorization: `Bearer ${res.json().token}` } });
    expect(progress.statusCode).toBe(200);
  });

  it("a token the configured Graph refuses → 401 zalo_token_invalid", async () => {
    const before = stub.requests.length;
    const res = await signInWith(t, "unknown-token");
    expect(stub.requests.length).toBe(before + 1);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe("zalo_token_invalid");
  });

  it("the configured Graph being down → 502 zalo_unavailable", async () => {
    stub.fail = { status: 500, body: { error: "boom" } };
    try {
      const res = await signInWith(t, "real-zalo-token");
      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({ error: "zalo_unavailable", message: expect.any(String), requestId: expect.any(String) });
    } finally {
      stub.fail = null;
    }
  });
});

describe("sign-in rate limit", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers 429 rate_limited after 30 sign-ins from one address", async () => {
    for (let i = 0; i < 30; i++) expect((await signInWith(t, "bad-token")).statusCode).toBe(401);
    const res = await signInWith(t, "bad-token");
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ error: "rate_limited", message: expect.any(String), requestId: expect.any(String) });
  });
});
