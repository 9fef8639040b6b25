import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse } from "../helpers/fixture.js";
import { ZALO_TEST_ENV } from "../helpers/zalo-env.js";

const course = fixtureCourse();
const ZALO_ENV = { ...ZALO_TEST_ENV };

describe.each(DIALECTS)("health, docs and CORS on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course });
  });
  afterAll(async () => {
    await t.close();
  });

  it("GET /health reports the database ok, its dialect, sandbox mode, and the OA connected to the sandbox", async () => {
    // The sandbox OA connects itself through the OAuth flow right after start.
    await expect.poll(async () => (await t.app.inject({ url: "/health" })).json().oa.status).toBe("ok");
    const res = await t.app.inject({ url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: { status: "ok", dialect }, sandbox: true, oa: { status: "ok" } });
  });

  it("GET /api/v1/meta tells the mini app the mode, its id and the pass ratio", async () => {
    expect((await t.app.inject({ url: "/api/v1/meta" })).json()).toEqual({
      sandbox: true,
      miniappId: "3100000000000000002",
      passRatio: 0.8,
      oaId: "3100000000000000003",
    });
  });

  it("/docs/json is an OpenAPI document of the API", async () => {
    const res = await t.app.inject({ url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths["/api/v1/progress/sync"].post).toBeDefined();
    expect(doc.paths["/api/v1/progress/sync"].post.security).toEqual([{ session: [] }]);
    const body = doc.paths["/api/v1/progress/sync"].post.requestBody.content["application/json"].schema;
    expect(body.required).toContain("events");
    expect(doc.paths["/api/v1/auth/zalo"].post).toBeDefined();
    expect(doc.paths["/api/v1/progress"].get).toBeDefined();
    expect(doc.paths["/health"].get).toBeDefined();
    expect(doc.components.securitySchemes.session).toEqual({ type: "http", scheme: "bearer" });
    // The mini app's own routes are not part of the API.
    expect(Object.keys(doc.paths).filter((p) => p === "/" || p.startsWith("/zapps"))).toEqual([]);
  });

  it("/docs serves the documentation page", async () => {
    const res = await t.app.inject({ url: "/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
  });

  const preflight = (origin: string) =>
    t.app.inject({
      method: "OPTIONS",
      url: "/api/v1/progress/sync",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
  const simple = (origin: string) => t.app.inject({ url: "/health", headers: { origin } });

  it.each([
    ["DELETE", "/api/v1/me"],
    ["DELETE", "/api/v1/teams/1/members/abc"],
    ["PUT", "/api/v1/admin/teams/1/leader"],
    ["PATCH", "/api/v1/admin/bulletins/1"],
    ["PATCH", "/api/v1/admin/faq/kv-0123456789"],
  ])(
    "a preflight from the mini app for %s %s is allowed (erasing my data, removing a member, naming a leader, changing a bulletin or a Hỏi đáp entry)",
    async (method, url) => {
      const pre = await t.app.inject({
        method: "OPTIONS",
        url,
        headers: { origin: "https://h5.zdn.vn", "access-control-request-method": method, "access-control-request-headers": "authorization,content-type" },
      });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
      expect(String(pre.headers["access-control-allow-methods"]).split(/,\s*/)).toContain(method);
    },
  );

  it("allows the Zalo mini app origin https://h5.zdn.vn", async () => {
    const pre = await preflight("https://h5.zdn.vn");
    expect(pre.statusCode).toBe(204);
    expect(pre.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    expect(String(pre.headers["access-control-allow-methods"])).toContain("POST");
    expect((await simple("https://h5.zdn.vn")).headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
  });

  it("allows the local web preview http://localhost:5173 in sandbox mode", async () => {
    expect((await preflight("http://localhost:5173")).headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect((await simple("http://localhost:5173")).headers["access-control-allow-origin"]).toBe("http://localhost:5173");
  });

  it.each(["https://evil.example", "https://h5.zdn.vn.evil.example", "http://h5.zdn.vn", "http://localhost.evil.example"])(
    "does not allow %s",
    async (origin) => {
      expect((await preflight(origin)).headers["access-control-allow-origin"]).toBeUndefined();
      expect((await simple(origin)).headers["access-control-allow-origin"]).toBeUndefined();
    },
  );
});

describe("CORS with Zalo credentials configured", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course }, ZALO_ENV);
  });
  afterAll(async () => {
    await t.close();
  });

  it("still allows https://h5.zdn.vn but no longer http://localhost:5173", async () => {
    const zalo = await t.app.inject({ url: "/health", headers: { origin: "https://h5.zdn.vn" } });
    expect(zalo.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    const local = await t.app.inject({ url: "/health", headers: { origin: "http://localhost:5173" } });
    expect(local.headers["access-control-allow-origin"]).toBeUndefined();
    // With Zalo credentials but no OA token yet, the OA connection is reported as degraded.
    expect(local.json()).toMatchObject({ status: "degraded", database: { status: "ok" }, oa: { status: "degraded", reason: "not_connected" }, sandbox: false });
  });
});

describe.each(DIALECTS)("GET /health with the database broken on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers 503 degraded, database down", async () => {
    const db = t.testDb.db.db;
    await sql`DROP TABLE quiz_attempts`.execute(db);
    await sql`DROP TABLE lesson_completions`.execute(db);
    // CASCADE: on PostgreSQL the team tables' foreign keys would otherwise keep learners from going.
    await sql.raw(`DROP TABLE learners${dialect === "postgres" ? " CASCADE" : ""}`).execute(db);
    const res = await t.app.inject({ url: "/health" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: "degraded", database: { status: "down", dialect }, sandbox: true });
  });
});
