import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { fixtureCourse } from "../helpers/fixture.js";

/** Routes that any signed-in person may call: they decide what each person sees (a leader, their team's report). */
const OPEN_TO_ANY_SIGNED_IN = ["GET /api/v1/admin/me", "GET /api/v1/admin/reports", "GET /api/v1/admin/reports.csv"];

// The admin routes are read from the API's own description, so that a new one is checked without being listed here.
describe("every route under /api/v1/admin is behind the admin hook", () => {
  let t: TestApp;
  let routes: { method: string; url: string; name: string }[];
  beforeAll(async () => {
    t = await createTestApp("sqlite", { course: fixtureCourse() });
    const doc = (await t.app.inject({ url: "/docs/json" })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/admin"))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => ({
          method: m.toUpperCase(),
          url: path.replace(/\{[^}]+\}/g, "1"),
          name: `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ":$1")}`,
        })),
      );
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (r: { method: string; url: string }, headers: Record<string, string> = {}) => t.app.inject({ method: r.method as "GET", url: r.url, headers });

  it("the API describes the admin routes (the checks below cover all of them)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(22);
    expect(routes.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        ...OPEN_TO_ANY_SIGNED_IN,
        "POST /api/v1/admin/roles",
        "DELETE /api/v1/admin/roles",
        "POST /api/v1/admin/campaigns/:id/send",
        "PUT /api/v1/admin/communes/:code/point",
      ]),
    );
  });

  it("without a session, each refuses with the same 401 missing_session, before looking at the input", async () => {
    const refusals = new Map<string, unknown>();
    for (const r of routes) {
      const res = await call(r);
      const { requestId: _id, ...body } = res.json() as Record<string, unknown>;
      refusals.set(r.name, { status: res.statusCode, ...body });
    }
    const expected = { status: 401, error: "missing_session", message: "Bạn cần đăng nhập để lưu tiến độ học." };
    expect(Object.fromEntries(refusals)).toEqual(Object.fromEntries(routes.map((r) => [r.name, expected])));
  });

  it("with a token that is not ours, each refuses with 401 invalid_session", async () => {
    for (const r of routes)
      expect({ route: r.name, error: (await call(r, { authorization: "Bearer not.a.real-session-token" })).json().error }).toEqual({
        route: r.name,
        error: "invalid_session",
      });
  });

  it("signed in without an official role, each but those open to anyone refuses with 403 not_an_official", async () => {
    const { token } = await signInAs(t.app, 3);
    const seen = new Map<string, string>();
    for (const r of routes) {
      const res = await call(r, { authorization: `Bearer ${token}` });
      seen.set(r.name, res.statusCode === 403 ? (res.json() as { error: string }).error : String(res.statusCode));
    }
    for (const name of OPEN_TO_ANY_SIGNED_IN) expect([name, seen.get(name)]).not.toEqual([name, "not_an_official"]);
    for (const name of OPEN_TO_ANY_SIGNED_IN) expect([name, seen.get(name)]).not.toEqual([name, "401"]);
    const officialsOnly = [...seen].filter(([name]) => !OPEN_TO_ANY_SIGNED_IN.includes(name));
    expect(Object.fromEntries(officialsOnly)).toEqual(Object.fromEntries(officialsOnly.map(([name]) => [name, "not_an_official"])));
  });
});
