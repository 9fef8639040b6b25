import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDIT_CONSENT } from "../../shared/schemas/team.js";
import type { Report } from "../../shared/schemas/report.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { CLI_ROLES, type Actor } from "../../bot-server/src/services/admin/access.js";
import { grantRole } from "../../bot-server/src/services/admin/manage-roles.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { attempt, completion, fixtureCourse, manualClock } from "../helpers/fixture.js";
import { jsonNumbers, parseCsv } from "../helpers/report-csv.js";

const course = fixtureCourse();
const areas = loadAreas();
const BA_DINH = "00004";
const OTHER_COMMUNE = areas.communes.find((c) => c.provinceCode !== "01")!.code;
const SEEDER: Actor = { id: "cli:test", roles: CLI_ROLES };

describe.each(DIALECTS)("reports on %s", (dialect) => {
  const clock = manualClock(new Date("2026-11-28T02:00:00.000Z"));
  let t: TestApp;
  const u: { token: string; learnerId: string; zaloUserId: string }[] = [];
  const [OFFICIAL, LEADER, MEMBER, RESIDENT, STRANGER] = [0, 1, 2, 3, 4];
  let teamId = 0;

  const get = (url: string, who: number) => t.app.inject({ url, headers: { authorization: `Bearer ${u[who]!.token}` } });
  const ok = async (method: "GET" | "POST" | "PUT", url: string, who: number, payload?: object) => {
    const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${u[who]!.token}` }, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock }, { REPORT_COST_TEAM_MONTH_VND: "300000", REPORT_COST_MEMBER_TRAINED_VND: "100000" });
    for (let i = 0; i < 5; i++) u.push(await signInAs(t.app, i));
    const deps = { repos: repositories(t.testDb.db.db, t.testDb.db.dialect), areas, clock };
    await grantRole(deps, SEEDER, { zaloUserId: u[OFFICIAL]!.zaloUserId, role: "commune_official", areaCode: BA_DINH });
    // A team in Ba Đình: a leader, a member who finishes the core skill, a resident credited to the member.
    teamId = (await ok("POST", "/api/v1/admin/teams", OFFICIAL, { communeCode: BA_DINH, name: "Tổ 5" })).id;
    await ok("POST", "/api/v1/teams/join", LEADER, { code: (await ok("POST", `/api/v1/teams/${teamId}/invites`, OFFICIAL)).code });
    await ok("PUT", `/api/v1/admin/teams/${teamId}/leader`, OFFICIAL, { zaloUserId: u[LEADER]!.zaloUserId });
    const code = (await ok("POST", `/api/v1/teams/${teamId}/invites`, LEADER)).code;
    const memberRef = (await ok("POST", "/api/v1/teams/join", MEMBER, { code })).refCode;
    await ok("POST", "/api/v1/progress/sync", MEMBER, { events: [attempt("bat-may"), attempt("ket-noi-wifi")] });
    // The resident first opens the app through the member's code (the first sync carries it), then agrees to be credited.
    await ok("POST", "/api/v1/progress/sync", RESIDENT, {
      ref: memberRef,
      events: [
        completion("bat-may", { at: "2026-11-27T03:00:00.000Z" }),
        completion("ket-noi-wifi", { at: "2026-11-20T03:00:00.000Z" }),
        attempt("bat-may", { wrong: ["q1"], at: "2026-11-27T03:10:00.000Z" }),
        attempt("bat-may", { at: "2026-11-27T03:20:00.000Z" }),
        attempt("ket-noi-wifi", { wrong: ["q1", "q2"], at: "2026-11-20T03:10:00.000Z" }),
        attempt("nhan-biet-lua-dao", { wrong: ["q2"], at: "2026-11-20T03:10:00.000Z" }),
      ],
    });
    await ok("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: CREDIT_CONSENT.version, agree: true });
    const visit = (visitedOn: string, kinds: string[]) =>
      ok("POST", "/api/v1/me/visits", MEMBER, { id: randomUUID(), household: "Nhà bác Tư, xóm 3", visitedOn, kinds });
    await visit("2026-11-28", ["vneid", "scam-awareness"]);
    await visit("2026-11-16", ["dvc-account", "payment"]);
    await visit("2026-11-17", ["scam-awareness"]);
  });
  afterAll(async () => t?.close());

  it("gives a commune's figures, per skill, per kind, per week, and the cost per new digital user", async () => {
    const r = (await ok("GET", `/api/v1/admin/reports?area=${BA_DINH}&weeks=3`, OFFICIAL)) as Report;
    expect(r.scope).toEqual({ kind: "commune", code: BA_DINH, name: "Phường Ba Đình, Thành phố Hà Nội" });
    const totals = {
      teams: 1,
      members: 2,
      trained: 1,
      trainedPct: 50,
      residentsCredited: 1,
      residentsLearning: 1,
      lessonsCompleted: 2,
      householdsVisited: 3,
      // dvc-account is signing in with VNeID (no personal DVC accounts since 30 June 2024): not an account created.
      accountsCreated: 2,
      // The one resident credited who learns. The visits' accounts are shown by kind, and no longer added: a visit
      // names a household, not a person, so it counted the same people again (the ledger counts people once).
      newDigitalUsers: 1,
      residentsInLedger: 0,
      adults: null,
      outcomes: {},
    };
    expect(r.totals).toEqual(totals);
    expect(r.communes).toEqual([{ code: BA_DINH, name: "Phường Ba Đình, Thành phố Hà Nội", ...totals }]);
    // One team for one month (300,000) + one member trained (100,000) = 400,000 for 1 new digital user.
    expect(r.cost).toEqual({ teamMonths: 1, teamMonthVnd: 300000, memberTrainedVnd: 100000, totalVnd: 400000, perNewDigitalUserVnd: 400000 });
    // The resident's quizzes: bat-may passed on the second try, ket-noi-wifi failed; nhan-biet-lua-dao failed.
    expect(r.quizBySkill.map((s) => [s.skillId, s.attempted, s.passed, s.passRatePct])).toEqual([
      ["dien-thoai", 2, 1, 50],
      ["an-toan", 1, 0, 0],
    ]);
    expect(r.visitsByKind.filter((k) => k.visits > 0).map((k) => [k.kind, k.account, k.visits])).toEqual([
      ["vneid", true, 1],
      ["dvc-account", false, 1],
      ["payment", true, 1],
      ["scam-awareness", false, 2],
    ]);
    // Weeks start on Monday (Vietnam time): 2026-11-09, -16, -23.
    expect(r.weekly.map((w) => w.weekStart)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(r.weekly.map((w) => w.outcomes)).toEqual([{}, {}, {}]);
    expect(r.weekly.map((w) => [w.residentsCredited, w.lessonsCompleted, w.householdsVisited, w.membersJoined])).toEqual([
      [0, 0, 0, 0],
      [0, 1, 2, 0],
      [1, 1, 1, 2],
    ]);
  });

  it("a province adds up its communes; the team's leader sees the team", async () => {
    await grantRole({ repos: repositories(t.testDb.db.db, t.testDb.db.dialect), areas, clock }, SEEDER, {
      zaloUserId: u[STRANGER]!.zaloUserId,
      role: "province_official",
      areaCode: "01",
    });
    const p = (await ok("GET", "/api/v1/admin/reports?area=01", STRANGER)) as Report;
    expect(p.scope.kind).toBe("province");
    expect(p.totals.newDigitalUsers).toBe(1);
    expect(p.weekly).toHaveLength(12);
    const team = (await ok("GET", `/api/v1/admin/reports?team=${teamId}`, LEADER)) as Report;
    expect(team.scope).toMatchObject({ kind: "team", code: String(teamId) });
    expect(team.totals).toEqual(p.totals);
    expect(team.communes).toEqual([]);
  });

  it("refuses what the asker may not see, in Vietnamese", async () => {
    const refused = async (url: string, who: number, status: number, error: string) => {
      const res = await get(url, who);
      expect({ status: res.statusCode, error: res.json().error }, res.body).toEqual({ status, error });
      expect(res.json().message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    };
    await refused(`/api/v1/admin/reports?area=${OTHER_COMMUNE}`, OFFICIAL, 403, "forbidden_area");
    await refused(`/api/v1/admin/reports?area=${BA_DINH}`, LEADER, 403, "forbidden_area");
    await refused(`/api/v1/admin/reports?team=${teamId}`, MEMBER, 403, "not_team_leader");
    await refused(`/api/v1/admin/reports?area=99999`, OFFICIAL, 400, "invalid_area");
    await refused(`/api/v1/admin/reports?area=${BA_DINH}&team=${teamId}`, OFFICIAL, 400, "invalid_request");
    await refused(`/api/v1/admin/reports.csv?team=${teamId}`, RESIDENT, 403, "not_team_leader");
    expect((await t.app.inject({ url: `/api/v1/admin/reports?area=${BA_DINH}` })).statusCode).toBe(401);
  });

  it("the CSV carries exactly the numbers of the JSON report", async () => {
    for (const [q, who] of [
      [`area=${BA_DINH}&weeks=5`, OFFICIAL],
      ["area=01", STRANGER],
      [`team=${teamId}`, LEADER],
    ] as const) {
      const json = (await ok("GET", `/api/v1/admin/reports?${q}`, who)) as Report;
      const res = await get(`/api/v1/admin/reports.csv?${q}`, who);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/csv/);
      expect(res.headers["content-disposition"]).toMatch(/attachment; filename="bao-cao-/);
      const csv = parseCsv(res.body);
      expect(Object.fromEntries(csv)).toEqual(Object.fromEntries(jsonNumbers(json)));
    }
  });

  it("a team named like a spreadsheet formula is written as text in the CSV (OWASP CSV injection)", async () => {
    const id = (await ok("POST", "/api/v1/admin/teams", OFFICIAL, { communeCode: BA_DINH, name: '=HYPERLINK("http://x","Tổ")' })).id as number;
    const res = await get(`/api/v1/admin/reports.csv?team=${id}`, OFFICIAL);
    expect(res.statusCode, res.body).toBe(200);
    const cells = res.body.split(/\r\n/).flatMap((l) => l.match(/("(?:[^"]|"")*"|[^,]*)/g) ?? []);
    expect(cells.some((c) => c.includes("HYPERLINK"))).toBe(true);
    for (const c of cells.filter((c) => c.includes("HYPERLINK"))) expect(c.replace(/^"/, "")).toMatch(/^'=/);
  });
});
