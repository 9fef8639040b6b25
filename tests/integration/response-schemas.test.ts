import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { fixtureCourse } from "../helpers/fixture.js";

/** What the mini app calls outside /api: the web preview's sandbox users and their tokens. */
const MINIAPP_SANDBOX_ROUTES = ["get /sandbox/users", "post /sandbox/users/{userId}/token"];

describe("every route says what it answers, with a schema from shared/", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course: fixtureCourse() });
  });
  afterAll(async () => {
    await t.close();
  });

  it("documents a success response (2xx or 3xx) for every operation of the API", async () => {
    const doc = (await t.app.inject({ url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method} ${path}`, op })));
    const api = operations.filter(({ key }) => !key.split(" ")[1]!.startsWith("/sandbox/") || MINIAPP_SANDBOX_ROUTES.includes(key));
    expect(api.length).toBeGreaterThan(40);
    // Without a schema, the documentation still lists a bare "Default Response" 200: it has no content.
    const without = api.filter(({ op }) => !Object.entries(op.responses ?? {}).some(([code, r]) => /^[23]\d\d$/.test(code) && r.content)).map(({ key }) => key);
    expect(without).toEqual([]);
  });

  it("declares no response schema inline in a route file (they live in shared/schemas)", () => {
    const dir = join(process.cwd(), "bot-server/src/routes");
    const files = [...readdirSync(dir).map((f) => join(dir, f)), join(process.cwd(), "bot-server/src/sandbox/routes.ts")];
    const inline = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (/\b[1-5]\d\d: z\./.test(line) ? [`${file.slice(process.cwd().length + 1)}:${i + 1}`] : [])),
    );
    expect(inline).toEqual([]);
  });
});
