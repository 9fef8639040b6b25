import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse } from "../helpers/fixture.js";
import { ZALO_TEST_ENV } from "../helpers/zalo-env.js";

const course = fixtureCourse();
const SANDBOX_MINIAPP_ID = "3100000000000000002";
const INDEX =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>KSC</title></head><body><div id="app"></div><script type="module" src="./assets/x.js"></script></body></html>';
const SCRIPT = 'console.log("mini app");\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ksc-www-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "assets", "x.js"), SCRIPT);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The index.html the server should send: the app's base, so deep paths load ./assets/… from it, and window.APP_ID. */
const injected = (id: string) => INDEX.replace("<head>", `<head><base href="/zapps/${id}/"><script>window.APP_ID="${id}";</script>`);

describe.each(DIALECTS)("serving the mini app build on %s", (dialect) => {
  let t: TestApp;
  const base = `/zapps/${SANDBOX_MINIAPP_ID}`;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course }, { MINIAPP_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
  });

  it("/ redirects to /zapps/<miniapp id>/", async () => {
    const res = await t.app.inject({ url: "/" });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`${base}/`);
  });

  it.each(["/", "/index.html"])("%s under the base path is index.html with window.APP_ID injected, not cached", async (path) => {
    const res = await t.app.inject({ url: `${base}${path}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.body).toBe(injected(SANDBOX_MINIAPP_ID));
  });

  it.each(["/lesson/abc", "/skill/dien-thoai/lesson/bat-may", "/lesson/abc?from=oa"])("a deep link %s gets the same HTML", async (path) => {
    const res = await t.app.inject({ url: `${base}${path}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(injected(SANDBOX_MINIAPP_ID));
  });

  it("serves built assets with a long, immutable cache", async () => {
    const res = await t.app.inject({ url: `${base}/assets/x.js` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(SCRIPT);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it.each(["/assets/missing.js", "/favicon.ico", "/lesson/logo.png"])("a missing file %s is 404 JSON, not the HTML", async (path) => {
    const res = await t.app.inject({ url: `${base}${path}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: "not_found", message: expect.any(String), requestId: expect.any(String) });
  });

  it("does not serve files outside the build directory", async () => {
    for (const url of [`${base}/../../../../etc/passwd`, `${base}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd`, `${base}/..%2f..%2f..%2f..%2fetc%2fpasswd`]) {
      const res = await t.app.inject({ url });
      expect(res.body).not.toContain("root:");
    }
  });

  it("another mini app id is not served", async () => {
    const res = await t.app.inject({ url: "/zapps/123/assets/x.js" });
    expect(res.statusCode).toBe(404);
  });
});

describe("serving the mini app with Zalo credentials configured", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      "sqlite",
      { course },
      {
        MINIAPP_DIR: dir,
        ...ZALO_TEST_ENV,
      },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it("uses the configured mini app id for the path and window.APP_ID", async () => {
    expect((await t.app.inject({ url: "/" })).headers.location).toBe("/zapps/4100000000000000002/");
    const res = await t.app.inject({ url: "/zapps/4100000000000000002/lesson/abc" });
    expect(res.body).toBe(injected("4100000000000000002"));
    expect((await t.app.inject({ url: `/zapps/${SANDBOX_MINIAPP_ID}/` })).statusCode).toBe(404);
  });
});

describe("without a mini app build", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course }, { MINIAPP_DIR: join(dir, "does-not-exist") });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers 503 with a hint to build, while the API keeps working", async () => {
    const res = await t.app.inject({ url: `/zapps/${SANDBOX_MINIAPP_ID}/lesson/abc` });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("npm run build");
    expect((await t.app.inject({ url: "/health" })).statusCode).toBe(200);
  });
});

// Zalo's verifier file (stored copies of zalo_verifier<CODE>.html): <meta property="zalo-platform-site-verification"
// content="<CODE>"> and the line "There Is No Limit To What You Can Accomplish Using Zalo!".
describe("Zalo's domain verification (ZALO_DOMAIN_VERIFICATION)", () => {
  const CODE = "MjM_Cg75Qlugjhy2wuKo6pocY4FGq58LDJaq";
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course }, { MINIAPP_DIR: dir, ZALO_DOMAIN_VERIFICATION: CODE });
  });
  afterAll(async () => {
    await t.close();
  });

  it("the home page carries the meta tag (property= and name=) and leads on to the mini app", async () => {
    const res = await t.app.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain(`<meta property="zalo-platform-site-verification" content="${CODE}" />`);
    expect(res.body).toContain(`<meta name="zalo-platform-site-verification" content="${CODE}" />`);
    expect(res.body).toContain(`url=/zapps/${SANDBOX_MINIAPP_ID}/`);
  });

  it("the verifier file Zalo names is served; another code is 404", async () => {
    const res = await t.app.inject({ url: `/zalo_verifier${CODE}.html` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`content="${CODE}"`);
    expect(res.body).toContain("There Is No Limit To What You Can Accomplish Using Zalo!");
    expect((await t.app.inject({ url: "/zalo_verifierAAAAAAAAAAAA.html" })).statusCode).toBe(404);
  });

  it("a code that is not Zalo's form refuses to start, with the variable named", async () => {
    const { loadConfig } = await import("../../bot-server/src/config.js");
    expect(() => loadConfig({ ZALO_DOMAIN_VERIFICATION: '"><script>' })).toThrow(/ZALO_DOMAIN_VERIFICATION/);
  });
});
