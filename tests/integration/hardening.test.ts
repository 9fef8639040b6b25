import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { deliverSigned, oaConnected, sandboxConfig, settle, userDoes, userTextEvent } from "../helpers/oa.js";
import { ZALO_TEST_ENV } from "../helpers/zalo-env.js";

const course = fixtureCourse();
const OPERATOR_KEY = "operator-key-for-tests-0123";
const ZALO_ENV = { ...ZALO_TEST_ENV, OPERATOR_KEY };
const basic = (password: string) => `Basic ${Buffer.from(`operator:${password}`).toString("base64")}`;

describe("security headers, framework errors and /docs", () => {
  let sandbox: TestApp;
  let zalo: TestApp;
  beforeAll(async () => {
    // A build of one page, as Vite writes it: what matters is how the server serves it.
    const dir = mkdtempSync(join(tmpdir(), "ksc-www-"));
    writeFileSync(
      join(dir, "index.html"),
      '<!doctype html><html lang="vi"><head><script type="module" src="./assets/app.js"></script></head><body><div id="app"></div></body></html>',
    );
    sandbox = await createTestApp("sqlite", { course }, { MINIAPP_DIR: dir });
    zalo = await createTestApp("sqlite", { course }, { ...ZALO_ENV, PUBLIC_URL: "https://ksc.example.vn" });
  });
  afterAll(async () => {
    await sandbox?.close();
    await zalo?.close();
  });

  it("every surface (API, docs, the mini app's page) carries nosniff, no referrer, no framing and a CSP", async () => {
    for (const url of ["/health", "/docs/", "/api/v1/meta", "/nowhere"]) {
      const res = await sandbox.app.inject({ url });
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
      expect(String(res.headers["content-security-policy"]), url).toContain("frame-ancestors 'none'");
      expect(String(res.headers["content-security-policy"]), url).toContain("object-src 'none'");
      // Inside Zalo the mini app (h5.zdn.vn) shows the API's posters: resources may be loaded cross-origin.
      expect(res.headers["cross-origin-resource-policy"], url).toBe("cross-origin");
    }
  });

  it("the mini app's page allows its one inline script by hash, not 'unsafe-inline', and may call the API", async () => {
    const meta = (await sandbox.app.inject({ url: "/api/v1/meta" })).json() as { miniappId: string };
    const res = await sandbox.app.inject({ url: `/zapps/${meta.miniappId}/` });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-inline'; script");
    expect(csp.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe-inline");
    expect(csp).toContain("connect-src 'self' http://localhost:* http://127.0.0.1:*");
  });

  it("HSTS only behind HTTPS (PUBLIC_URL https://…), never over the sandbox's plain HTTP", async () => {
    expect((await sandbox.app.inject({ url: "/health" })).headers["strict-transport-security"]).toBeUndefined();
    expect((await zalo.app.inject({ url: "/health" })).headers["strict-transport-security"]).toMatch(/max-age=31536000/);
    expect(String((await zalo.app.inject({ url: "/health" })).headers["content-security-policy"])).toContain("connect-src 'self' https://ksc.example.vn");
  });

  it("in Zalo mode /docs and /docs/json need the operator key (HTTP Basic); in sandbox mode they are open", async () => {
    for (const url of ["/docs/", "/docs/json"]) {
      const none = await zalo.app.inject({ url });
      expect({ status: none.statusCode, error: none.json().error }).toEqual({ status: 401, error: "operator_only" });
      expect(none.headers["www-authenticate"]).toMatch(/^Basic /);
      expect((await zalo.app.inject({ url, headers: { authorization: basic("wrong-key-wrong-key") } })).statusCode).toBe(401);
      expect((await zalo.app.inject({ url, headers: { authorization: basic(OPERATOR_KEY) } })).statusCode).toBe(200);
      expect((await sandbox.app.inject({ url })).statusCode).toBe(200);
    }
  });

  it("a malformed URL or an over-long parameter answers in the app's error format, without echoing the URL", async () => {
    const bad = await sandbox.app.inject({ url: "/api/v1/teams/%E0%A4%A/members/secret-path" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: "bad_url", message: "Địa chỉ không hợp lệ.", requestId: expect.any(String) });
    expect(bad.body).not.toContain("secret-path");
    const long = await sandbox.app.inject({ method: "DELETE", url: `/api/v1/teams/1/members/${"x".repeat(300)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: "path_too_long", message: "Địa chỉ quá dài.", requestId: expect.any(String) });
    expect(long.body).not.toContain("xxxxxxxx");
  });
});

describe("TRUST_PROXY: rate limits per real client behind a reverse proxy", () => {
  const signInBurst = async (t: TestApp, client: string, n: number) => {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/zalo",
        headers: { "x-forwarded-for": client },
        payload: { accessToken: "not-a-real-token" },
      });
      codes.push(r.statusCode);
    }
    return codes;
  };

  it("with TRUST_PROXY=1 each client behind the proxy has its own budget; without it, they share the proxy's", async () => {
    const behind = await createTestApp("sqlite", { course }, { TRUST_PROXY: "1" });
    const direct = await createTestApp("sqlite", { course });
    try {
      // POST /api/v1/auth/zalo allows 30 a minute per client.
      expect((await signInBurst(behind, "203.0.113.7", 31)).at(-1)).toBe(429);
      expect((await signInBurst(behind, "198.51.100.9", 1))[0]).not.toBe(429);
      expect((await signInBurst(direct, "203.0.113.7", 31)).at(-1)).toBe(429);
      expect((await signInBurst(direct, "198.51.100.9", 1))[0]).toBe(429);
    } finally {
      await behind.close();
      await direct.close();
    }
  });
});

describe.each(DIALECTS)("webhook replays and the inbox's retention on %s", (dialect) => {
  const clock = manualClock(new Date("2026-12-01T02:00:00.000Z"));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock }, { WEBHOOK_INBOX_RETENTION_DAYS: "30" });
    await t.app.ready();
    await oaConnected(t.app);
  });
  afterAll(async () => t?.close());
  const inboxCount = async () =>
    Number(
      (
        await t.testDb.db.db
          .selectFrom("webhook_inbox")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("a correctly signed event dated two days ago, or an hour ahead, is refused (400 stale_event) and nothing is stored", async () => {
    const cfg = await sandboxConfig(t.app);
    const before = await inboxCount();
    for (const at of [clock.now().getTime() - 48 * 3600_000, clock.now().getTime() + 3600_000]) {
      const res = await deliverSigned(t.app, cfg, userTextEvent(cfg, "7700000000000000601", "xin chào", { timestamp: at }));
      expect({ status: res.statusCode, error: res.json().error }).toEqual({ status: 400, error: "stale_event" });
    }
    expect(await inboxCount()).toBe(before);
    // Zalo retries a failed delivery with its first timestamp for about 12 hours (../shared/zalo-platform.md, from an
    // integration guide; the SDKs say nothing of retries): 11 hours old is still taken.
    const retried = await deliverSigned(
      t.app,
      cfg,
      userTextEvent(cfg, "7700000000000000601", "xin chào", { timestamp: clock.now().getTime() - 11 * 3600_000 }),
    );
    expect(retried.statusCode).toBe(200);
    await settle(t.app);
  });

  it("processed events are pruned after WEBHOOK_INBOX_RETENTION_DAYS; newer ones and unprocessed ones stay", async () => {
    await userDoes(t.app, "7700000000000000602", "follow");
    const before = await inboxCount();
    expect(before).toBeGreaterThan(0);
    await t.testDb.db.db
      .insertInto("webhook_inbox")
      .values({
        event_key: "unprocessed-old",
        event_name: "user_send_text",
        payload: "{}",
        status: "failed",
        last_error: "x",
        received_at: "2026-10-01T00:00:00.000Z",
        processed_at: null,
      })
      .execute();
    expect(await t.app.inbox.prune()).toBe(0);
    clock.set(new Date(clock.now().getTime() + 31 * 86400_000));
    expect(await t.app.inbox.prune()).toBe(before);
    const left = await t.testDb.db.db.selectFrom("webhook_inbox").select("event_key").execute();
    expect(left.map((r) => r.event_key)).toEqual(["unprocessed-old"]);
  });
});
