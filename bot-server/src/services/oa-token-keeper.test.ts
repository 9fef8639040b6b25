import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/app.js";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { fixtureCourse, manualClock } from "../../../tests/helpers/fixture.js";
import { startHttpStub, type HttpStub } from "../../../tests/helpers/http-stub.js";
import { silentLogger } from "../../../tests/helpers/logger.js";
import { oaConnected, sandboxConfig, sandboxOaTokens, type SandboxConfig, type SandboxTokens } from "../../../tests/helpers/oa.js";
import type { WorkerConfig } from "../../../tests/helpers/oa-token-worker.js";
import { startWorker, type Worker } from "../../../tests/helpers/processes.js";
import { repositories } from "../repositories/index.js";
import type { OaTokenRow } from "../repositories/oa-tokens.js";
import { injectAdapter } from "../sandbox/inject-adapter.js";
import { OAuthError, oauthClient, type OAuthClient } from "../zalo/oauth-client.js";
import { OaNotConnectedError, oaTokenKeeper } from "./oa-token-keeper.js";

const course = fixtureCourse();
const WORKER = fileURLToPath(new URL("../../../tests/helpers/oa-token-worker.ts", import.meta.url));

const pairOf = (s: SandboxTokens) => ({ accessToken: s.access_token, refreshToken: s.refresh_token, expiresInSeconds: Number(s.expires_in) });

describe.each(DIALECTS)("oaTokenKeeper against the sandbox on %s", (dialect) => {
  let t: TestApp;
  let cfg: SandboxConfig;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const world = () => t.app.sandbox!.world;
  const repos = () => t.app.services.repos;
  const sandboxOauth = (): OAuthClient =>
    oauthClient({ baseUrl: "http://sandbox.local/sandbox/oauth", appId: cfg.app_id, appSecret: cfg.app_secret, adapter: injectAdapter(t.app) });
  const keeper = (oaId: string, oauth: OAuthClient = sandboxOauth()) =>
    oaTokenKeeper({ oaId, tokens: repos().tokens, locks: repos().locks, oauth, clock, log: silentLogger() });
  const row = async (oaId: string) => (await repos().tokens.find(oaId)) as OaTokenRow;
  /** Whether the sandbox takes this access token for an OpenAPI call. */
  const accepted = async (accessToken: string) => {
    const res = await t.app.inject({
      url: `/sandbox/openapi/v3.0/oa/user/getlist?data=${encodeURIComponent('{"offset":0,"count":1}')}`,
      headers: { access_token: accessToken },
    });
    return (res.json() as { error: number }).error;
  };
  const faults = async (f: Record<string, unknown>) => {
    expect((await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: f })).statusCode).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    cfg = await sandboxConfig(t.app);
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(async () => {
    await faults({ refreshErrorCode: null });
  });

  it("an error answer from the token endpoint WITH HTTP 200 never overwrites the good pair, and /health reports oa degraded with the reason", async () => {
    const oaId = cfg.oa_id;
    const good = await row(oaId);
    expect(await accepted(good.access_token)).toBe(0);
    const refreshesBefore = world().tokenCalls.refresh;

    // Within the hour before expiry, with the token endpoint answering every refresh with an error (HTTP 200).
    await faults({ refreshErrorCode: -14014 });
    clock.set(new Date(Date.parse(good.access_expires_at) - 30 * 60_000));
    expect(await t.app.zalo.tokens.accessToken()).toBe(good.access_token); // still valid: kept in use
    expect(world().tokenCalls.refresh).toBe(refreshesBefore + 1);

    const after = await row(oaId);
    expect(after).toMatchObject({
      access_token: good.access_token,
      refresh_token: good.refresh_token,
      access_expires_at: good.access_expires_at,
      source: good.source,
      last_error: "Injected by the sandbox",
      last_error_at: clock.now().toISOString(),
    });
    expect(await accepted(after.access_token)).toBe(0);

    const health = await t.app.inject({ url: "/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "degraded", database: { status: "ok" }, oa: { status: "degraded", reason: "refresh_failed" } });

    // An explicit refresh fails the same way, with Zalo's code.
    const err = await t.app.zalo.tokens.refresh().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect(err).toMatchObject({ code: "-14014" });
    expect((await row(oaId)).access_token).toBe(good.access_token);

    // Zalo answers again: the next check refreshes, and the OA is healthy.
    await faults({ refreshErrorCode: null });
    const fresh = await t.app.zalo.tokens.accessToken();
    expect(fresh).not.toBe(good.access_token);
    expect(await row(oaId)).toMatchObject({ access_token: fresh, source: "refresh", last_error: null, last_error_at: null });
    expect(await accepted(fresh)).toBe(0);
    expect((await t.app.inject({ url: "/health" })).json()).toMatchObject({
      status: "ok",
      oa: { status: "ok", expiresAt: (await row(oaId)).access_expires_at },
    });
  });

  it("refreshes ahead of expiry (within the last hour), not before, and only once", async () => {
    const k = keeper("oa-ahead");
    const first = await sandboxOaTokens(t.app);
    await k.store(pairOf(first), "test");
    const stored = await row("oa-ahead");
    expect(stored).toMatchObject({
      access_token: first.access_token,
      refresh_token: first.refresh_token,
      access_expires_at: new Date(clock.now().getTime() + 90_000_000).toISOString(),
      refresh_expires_at: new Date(clock.now().getTime() + 90 * 24 * 3600_000).toISOString(),
      source: "test",
    });
    const calls = world().tokenCalls.refresh;

    expect(await k.accessToken()).toBe(first.access_token);
    clock.set(new Date(Date.parse(stored.access_expires_at) - 61 * 60_000));
    expect(await k.accessToken()).toBe(first.access_token);
    expect(world().tokenCalls.refresh).toBe(calls);

    clock.advanceMinutes(2); // 59 minutes left
    const next = await k.accessToken();
    expect(next).not.toBe(first.access_token);
    expect(world().tokenCalls.refresh).toBe(calls + 1);
    const refreshed = await row("oa-ahead");
    expect(refreshed).toMatchObject({
      access_token: next,
      source: "refresh",
      access_expires_at: new Date(clock.now().getTime() + 90_000_000).toISOString(),
      updated_at: clock.now().toISOString(),
    });
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect(await accepted(next)).toBe(0);

    expect(await k.accessToken()).toBe(next);
    expect(world().tokenCalls.refresh).toBe(calls + 1);
    expect(await k.connection()).toEqual({ status: "ok", expiresAt: refreshed.access_expires_at });
  });

  it("when the token has expired and refreshing fails, accessToken() throws and the OA is degraded; the pair stays", async () => {
    const k = keeper("oa-expired");
    const first = await sandboxOaTokens(t.app);
    await k.store(pairOf(first), "test");
    await faults({ refreshErrorCode: -14014 });
    clock.set(new Date(Date.parse((await row("oa-expired")).access_expires_at) + 60_000));
    await expect(k.accessToken()).rejects.toBeInstanceOf(OAuthError);
    expect(await row("oa-expired")).toMatchObject({ access_token: first.access_token, refresh_token: first.refresh_token });
    expect(await k.connection()).toEqual({ status: "degraded", reason: "refresh_failed" });

    await faults({ refreshErrorCode: null });
    const next = await k.accessToken();
    expect(await accepted(next)).toBe(0);
    expect((await k.connection()).status).toBe("ok");
  });

  it("no stored pair: accessToken() throws OaNotConnectedError and the OA is degraded, not_connected", async () => {
    const k = keeper("oa-never-connected");
    await expect(k.accessToken()).rejects.toBeInstanceOf(OaNotConnectedError);
    expect(await k.connection()).toEqual({ status: "degraded", reason: "not_connected" });
  });

  it("refreshAfterRejection: a token already replaced is not refreshed again; the current one is refreshed once", async () => {
    const k = keeper("oa-rejected");
    const first = await sandboxOaTokens(t.app);
    await k.store(pairOf(first), "test");
    const calls = world().tokenCalls.refresh;
    const second = await k.refresh();
    expect(world().tokenCalls.refresh).toBe(calls + 1);
    expect(await k.refreshAfterRejection(first.access_token)).toBe(second);
    expect(world().tokenCalls.refresh).toBe(calls + 1);
    const third = await k.refreshAfterRejection(second);
    expect(third).not.toBe(second);
    expect(world().tokenCalls.refresh).toBe(calls + 2);
    expect(await accepted(third)).toBe(0);
  });

  it("while another process holds the lock, waits for its new pair instead of spending the refresh token", async () => {
    const k = keeper("oa-locked");
    const first = await sandboxOaTokens(t.app);
    await k.store(pairOf(first), "test");
    clock.set(new Date(Date.parse((await row("oa-locked")).access_expires_at) - 10 * 60_000));
    const lockName = "oa-token:oa-locked";
    expect(await repos().locks.acquire(lockName, "other-process", clock.now().toISOString(), new Date(clock.now().getTime() + 60_000).toISOString())).toBe(
      true,
    );
    const calls = world().tokenCalls.refresh;

    const waiting = k.accessToken();
    // The other process refreshes with the stored refresh token and stores the new pair, then lets go.
    const theirs = pairOf(
      (
        await t.app.inject({
          method: "POST",
          url: "/sandbox/oauth/v4/oa/access_token",
          headers: { secret_key: cfg.app_secret, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ app_id: cfg.app_id, grant_type: "refresh_token", refresh_token: first.refresh_token }).toString(),
        })
      ).json() as SandboxTokens,
    );
    await repos().tokens.save({
      ...(await row("oa-locked")),
      access_token: theirs.accessToken,
      refresh_token: theirs.refreshToken,
      access_expires_at: new Date(clock.now().getTime() + 90_000_000).toISOString(),
      source: "other",
    });
    await repos().locks.release(lockName, "other-process");

    expect(await waiting).toBe(theirs.accessToken);
    expect(world().tokenCalls.refresh).toBe(calls + 1); // the other process's call only
    expect((await row("oa-locked")).refresh_token).toBe(theirs.refreshToken);
  });

  it("a lock left by a process that died (expired) is taken over", async () => {
    const k = keeper("oa-dead-lock");
    await k.store(pairOf(await sandboxOaTokens(t.app)), "test");
    clock.set(new Date(Date.parse((await row("oa-dead-lock")).access_expires_at) - 10 * 60_000));
    await repos().locks.acquire("oa-token:oa-dead-lock", "dead-process", clock.now().toISOString(), new Date(clock.now().getTime() - 1000).toISOString());
    const calls = world().tokenCalls.refresh;
    const next = await k.accessToken();
    expect(world().tokenCalls.refresh).toBe(calls + 1);
    expect(await accepted(next)).toBe(0);
  });
});

describe.each(DIALECTS)("oaTokenKeeper with a token endpoint that answers badly, on %s", (dialect) => {
  let testDb: TestDb;
  let stub: HttpStub;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    stub = await startHttpStub();
  });
  afterAll(async () => {
    await stub.close();
    await testDb.cleanup();
  });

  it.each([
    ["an error with HTTP 200", { status: 200, body: { error: -14014, error_name: "Invalid refresh token", error_description: "Invalid refresh token" } }],
    ["HTTP 200 with empty tokens", { status: 200, body: { access_token: "", refresh_token: "", expires_in: "90000" } }],
    ["HTTP 200 with an access token but no refresh token", { status: 200, body: { access_token: "new-access", expires_in: "90000" } }],
    [
      "HTTP 200 with an expires_in that is not a number",
      { status: 200, body: { access_token: "new-access", refresh_token: "new-refresh", expires_in: "soon" } },
    ],
    ["HTTP 200 with an empty body", { status: 200, body: "" }],
    ["HTTP 500", { status: 500, body: { error: "oops" } }],
    ["HTTP 400 with tokens in it", { status: 400, body: { access_token: "new-access", refresh_token: "new-refresh", expires_in: "90000" } }],
  ] as const)("%s is an error, never stored as a token", async (_label, answer) => {
    const repos = repositories(testDb.db.db, testDb.db.dialect);
    const oaId = `oa-${Math.random().toString(36).slice(2)}`;
    const k = oaTokenKeeper({
      oaId,
      tokens: repos.tokens,
      locks: repos.locks,
      oauth: oauthClient({ baseUrl: stub.url, appId: "app", appSecret: "secret" }),
      clock,
      log: silentLogger(),
    });
    await k.store({ accessToken: "good-access", refreshToken: "good-refresh", expiresInSeconds: 90_000 }, "test");
    const before = await repos.tokens.find(oaId);
    stub.respond = () => answer;
    stub.requests.length = 0;
    await expect(k.refresh()).rejects.toBeInstanceOf(OAuthError);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]!.headers["secret_key"]).toBe("secret");
    expect(Object.fromEntries(new URLSearchParams(stub.requests[0]!.raw.toString("utf8")))).toEqual({
      app_id: "app",
      grant_type: "refresh_token",
      refresh_token: "good-refresh",
    });
    const after = await repos.tokens.find(oaId);
    expect({ ...after, last_error: null, last_error_at: null }).toEqual(before);
    expect(after!.last_error).toEqual(expect.any(String));
    expect((await k.connection()).status).toBe("degraded");
    // The lock was let go: the next attempt goes out again.
    await expect(k.refresh()).rejects.toBeInstanceOf(OAuthError);
    expect(stub.requests).toHaveLength(2);
  });

  it("a good answer (expires_in as a string) is stored", async () => {
    const repos = repositories(testDb.db.db, testDb.db.dialect);
    const k = oaTokenKeeper({
      oaId: "oa-good",
      tokens: repos.tokens,
      locks: repos.locks,
      oauth: oauthClient({ baseUrl: stub.url, appId: "app", appSecret: "secret" }),
      clock,
      log: silentLogger(),
    });
    await k.store({ accessToken: "a1", refreshToken: "r1", expiresInSeconds: 90_000 }, "test");
    stub.respond = () => ({ status: 200, body: { access_token: "a2", refresh_token: "r2", expires_in: "3600" } });
    expect(await k.refresh()).toBe("a2");
    expect(await repos.tokens.find("oa-good")).toMatchObject({
      access_token: "a2",
      refresh_token: "r2",
      access_expires_at: new Date(clock.now().getTime() + 3600_000).toISOString(),
      source: "refresh",
    });
  });
});

describe.each(DIALECTS)("TWO PROCESSES REFRESHING AT ONCE on %s", (dialect) => {
  let t: TestApp;
  let testDb: TestDb;
  let proxy: HttpStub;
  let base: string;
  const workers: Worker[] = [];

  beforeAll(async () => {
    // The sandbox on a real port (real clock: the processes use theirs), and a slow way to its token endpoint so
    // that the two refreshes surely overlap.
    t = await createTestApp(dialect, { course });
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const addr = t.app.server.address();
    if (!addr || typeof addr !== "object") throw new Error("no port");
    base = `http://127.0.0.1:${addr.port}`;
    proxy = await startHttpStub();
    proxy.respond = async (r) => {
      await new Promise((res) => setTimeout(res, 400));
      const res = await fetch(`${base}/sandbox/oauth${r.url}`, {
        method: "POST",
        headers: { "content-type": String(r.headers["content-type"]), secret_key: String(r.headers["secret_key"]) },
        body: r.raw.toString("utf8"),
      });
      return { status: res.status, body: await res.json() };
    };
    testDb = await createTestDb(dialect);
  }, 60_000);
  afterAll(async () => {
    workers.forEach((w) => w.kill());
    await proxy.close();
    await t.close();
    await testDb.cleanup();
  });

  it("EXACTLY ONE REFRESH CALL, both processes get the same new access token, and the sandbox accepts it", async () => {
    const cfg = await sandboxConfig(t.app);
    const world = t.app.sandbox!.world;
    const seeded = await sandboxOaTokens(t.app);
    const repos = repositories(testDb.db.db, testDb.db.dialect);
    const now = Date.now();
    await repos.tokens.save({
      oa_id: cfg.oa_id,
      access_token: seeded.access_token,
      refresh_token: seeded.refresh_token,
      access_expires_at: new Date(now + 10 * 60_000).toISOString(), // ten minutes left: both want to refresh
      refresh_expires_at: new Date(now + 90 * 24 * 3600_000).toISOString(),
      source: "test",
      updated_at: new Date(now).toISOString(),
      last_error: null,
      last_error_at: null,
    });
    const refreshesBefore = world.tokenCalls.refresh;

    const config: WorkerConfig = {
      databaseUrl: testDb.url,
      ...(testDb.schema ? { schema: testDb.schema } : {}),
      oauthUrl: proxy.url,
      appId: cfg.app_id,
      appSecret: cfg.app_secret,
      oaId: cfg.oa_id,
      call: "accessToken",
    };
    for (let i = 0; i < 2; i++) workers.push(startWorker(WORKER, { OA_TOKEN_WORKER: JSON.stringify(config) }));
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((w) => w.go());
    const [a, b] = (await Promise.all(workers.map((w) => w.result))) as [{ ok: boolean; token: string }, { ok: boolean; token: string }];

    expect(a).toEqual({ ok: true, token: expect.any(String) });
    expect(b).toEqual({ ok: true, token: a.token });
    expect(a.token).not.toBe(seeded.access_token);
    expect(world.tokenCalls.refresh - refreshesBefore).toBe(1);
    expect(proxy.requests).toHaveLength(1);

    const stored = await repos.tokens.find(cfg.oa_id);
    expect(stored).toMatchObject({ access_token: a.token, source: "refresh", last_error: null });
    expect(stored!.refresh_token).not.toBe(seeded.refresh_token);
    expect(await repos.locks.acquire(`oa-token:${cfg.oa_id}`, "after", new Date().toISOString(), new Date(Date.now() + 1000).toISOString())).toBe(true);

    // The new token works; the stored refresh token is the live one (the old one is spent).
    const api = await fetch(`${base}/sandbox/openapi/v3.0/oa/user/getlist?data=${encodeURIComponent('{"offset":0,"count":1}')}`, {
      headers: { access_token: a.token },
    });
    expect(((await api.json()) as { error: number }).error).toBe(0);
    const refreshWith = async (refreshToken: string) =>
      (await (
        await fetch(`${base}/sandbox/oauth/v4/oa/access_token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", secret_key: cfg.app_secret },
          body: new URLSearchParams({ app_id: cfg.app_id, grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
        })
      ).json()) as { error?: number; access_token?: string };
    expect((await refreshWith(seeded.refresh_token)).error).toBe(-14014);
    expect((await refreshWith(stored!.refresh_token)).access_token).toEqual(expect.any(String));
  }, 60_000);
});
