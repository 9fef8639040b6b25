import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDIT_CONSENT } from "../../shared/schemas/team.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { CLI_ROLES, type Actor } from "../../bot-server/src/services/admin/access.js";
import { grantRole } from "../../bot-server/src/services/admin/manage-roles.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { attempt, fixtureCourse, manualClock } from "../helpers/fixture.js";

const course = fixtureCourse();
const areas = loadAreas();
const BA_DINH = "00004";
const OTHER_COMMUNE = areas.communes.find((c) => c.provinceCode !== "01")!.code;
const SEEDER: Actor = { id: "cli:test", roles: CLI_ROLES };

/** Every row the team features touch, plus learners and the audit log: a refusal must leave them all alone. */
async function snapshot(t: TestApp) {
  const db = t.testDb.db.db;
  return {
    teams: await db.selectFrom("teams").selectAll().orderBy("id").execute(),
    members: await db.selectFrom("team_members").selectAll().orderBy("id").execute(),
    invites: await db.selectFrom("team_invites").selectAll().orderBy("nonce").execute(),
    credits: await db.selectFrom("credits").selectAll().orderBy("resident_id").execute(),
    visits: await db.selectFrom("visits").selectAll().orderBy("id").execute(),
    learners: await db.selectFrom("learners").selectAll().orderBy("id").execute(),
    audit: await db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}

function expectRefusal(res: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: res.statusCode, error: res.json().error }, res.body).toEqual({ status, error: code });
  const body = res.json() as { message: string };
  expect(Object.keys(body).sort()).toEqual(["error", "message", "requestId"]);
  // A readable Vietnamese sentence (with tone marks), nothing of the server's insides.
  expect(body.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
  expect(res.body).not.toMatch(/stack|\.ts:\d+|select |insert into|sqlite|postgres|constraint/i);
}

describe.each(DIALECTS)("teams on %s", (dialect) => {
  const clock = manualClock(new Date("2026-11-28T02:00:00.000Z"));
  let t: TestApp;
  const u: { token: string; learnerId: string; zaloUserId: string }[] = [];
  // user 0: commune official of Ba Đình; 1: leader of team A; 2: member of A; 3: a resident; 4: leader of team B elsewhere.
  const [OFFICIAL, LEADER, MEMBER, RESIDENT, OTHER] = [0, 1, 2, 3, 4];
  let teamA = 0;
  let teamB = 0;
  let memberRef = "";

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: number | null, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who === null ? {} : { authorization: `Bearer ${u[who]!.token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: number, payload?: unknown) => {
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  async function refusedWithoutChange(req: () => Promise<LightMyRequestResponse>, status: number, code: string) {
    const before = await snapshot(t);
    expectRefusal(await req(), status, code);
    expect(await snapshot(t)).toEqual(before);
  }
  /** Moves the clock and signs everybody in again (sessions are short-lived). */
  async function at(time: Date | string) {
    clock.set(time);
    for (let i = 0; i < 5; i++) u[i] = await signInAs(t.app, i);
  }
  const invite = async (who: number, teamId: number) => (await ok("POST", `/api/v1/teams/${teamId}/invites`, who)).code as string;
  const visit = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    household: "Nhà bác Tư, xóm 3",
    visitedOn: "2026-11-28",
    kinds: ["vneid", "scam-awareness"],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    for (let i = 0; i < 5; i++) u.push(await signInAs(t.app, i));
    const deps = { repos: repositories(t.testDb.db.db, t.testDb.db.dialect), areas, clock };
    await grantRole(deps, SEEDER, { zaloUserId: u[OFFICIAL]!.zaloUserId, role: "commune_official", areaCode: BA_DINH });
    await grantRole(deps, SEEDER, { zaloUserId: "5500000000000000099", role: "commune_official", areaCode: OTHER_COMMUNE });
  });
  afterAll(async () => t?.close());

  it("an official creates a team and names its leader by Zalo id once they joined it with an invite; both are audited", async () => {
    const team = await ok("POST", "/api/v1/admin/teams", OFFICIAL, { communeCode: BA_DINH, name: "  Tổ công nghệ số tổ dân phố 5 " });
    expect(team).toMatchObject({
      name: "Tổ công nghệ số tổ dân phố 5",
      communeCode: BA_DINH,
      communeName: "Phường Ba Đình, Thành phố Hà Nội",
      leader: null,
      members: 0,
    });
    expect(team.refCode).toMatch(/^t-[A-Za-z0-9_-]{11}$/);
    teamA = team.id;
    // Someone who never joined (anyone in the country, without their consent) cannot be named: they join first.
    await refusedWithoutChange(() => call("PUT", `/api/v1/admin/teams/${teamA}/leader`, OFFICIAL, { zaloUserId: u[LEADER]!.zaloUserId }), 409, "not_a_member");
    await ok("POST", "/api/v1/teams/join", LEADER, { code: await invite(OFFICIAL, teamA) });
    const leader = await ok("PUT", `/api/v1/admin/teams/${teamA}/leader`, OFFICIAL, { zaloUserId: u[LEADER]!.zaloUserId });
    expect(leader).toEqual({ learnerId: u[LEADER]!.learnerId, name: expect.any(String) });
    const audit = (await snapshot(t)).audit.filter((a) => a.action === "team.create" || a.action === "team.leader");
    expect(audit.map((a) => [a.action, a.actor, a.area_code])).toEqual([
      ["team.create", u[OFFICIAL]!.zaloUserId, BA_DINH],
      ["team.leader", u[OFFICIAL]!.zaloUserId, BA_DINH],
    ]);
    // Team B, elsewhere, led by user 4 (seeded by its own commune's official over HTTP is not possible here: the CLI does it).
    const { createTeam } = await import("../../bot-server/src/services/teams/create-team.js");
    const { nameLeader } = await import("../../bot-server/src/services/teams/name-leader.js");
    const { createInvite, joinTeam } = await import("../../bot-server/src/services/teams/join-team.js");
    const { teamDeps } = await import("../../bot-server/src/routes/teams.js");
    const d = teamDeps(t.app)();
    teamB = (await createTeam(d, SEEDER, { communeCode: OTHER_COMMUNE, name: "Tổ B" })).id;
    const seederInvite = await createInvite(d, { ...SEEDER, learnerId: "" }, teamB);
    await joinTeam(d, { learnerId: u[OTHER]!.learnerId, id: u[OTHER]!.zaloUserId }, seederInvite.code);
    await nameLeader(d, SEEDER, teamB, { zaloUserId: u[OTHER]!.zaloUserId });
  });

  it("a member joins with the leader's invite: the join screen shows the team and commune, then the invite is spent", async () => {
    const res = await ok("POST", `/api/v1/teams/${teamA}/invites`, LEADER);
    expect(res).toEqual({
      code: expect.any(String),
      expiresAt: new Date(clock.now().getTime() + 7 * 86400_000).toISOString(),
      link: expect.stringMatching(/\/zapps\/[^/]+\/\?invite=/),
    });
    const code = res.code as string;
    expect(await ok("POST", "/api/v1/teams/invites/preview", MEMBER, { code })).toMatchObject({
      teamId: teamA,
      teamName: "Tổ công nghệ số tổ dân phố 5",
      communeName: "Phường Ba Đình, Thành phố Hà Nội",
    });
    const joined = await ok("POST", "/api/v1/teams/join", MEMBER, { code });
    expect(joined.refCode).toMatch(/^m-[A-Za-z0-9_-]{11}$/);
    memberRef = joined.refCode;
    const mine = await ok("GET", "/api/v1/me/team", MEMBER);
    expect(mine.team).toMatchObject({
      id: teamA,
      role: "member",
      myRefCode: memberRef,
      myLink: expect.stringMatching(new RegExp(`\\?ref=${memberRef}$`)),
      visits: 0,
      residentsCredited: 0,
    });
    expect(mine.visitKinds.map((k: { id: string }) => k.id)).toEqual([
      "vneid",
      "dvc-account",
      "online-procedure",
      "payment",
      "ecommerce",
      "scam-awareness",
      "other",
    ]);
    expect((await ok("GET", "/api/v1/me/team", RESIDENT)).team).toBeNull();
  });

  it("refuses forged, expired and reused invite codes, and a member of another team, changing nothing", async () => {
    const code = await invite(LEADER, teamA);
    const [tid, nonce, exp, sig] = code.split(".");
    const forged = [
      `${teamB}.${nonce}.${exp}.${sig}`,
      `${tid}.${nonce}.${Number(exp) + 999}.${sig}`,
      `${tid}.${nonce}.${exp}.${"A".repeat(22)}`,
      "abcdefghijklmnop",
    ];
    for (const f of forged) await refusedWithoutChange(() => call("POST", "/api/v1/teams/join", RESIDENT, { code: f }), 400, "invalid_invite");
    await refusedWithoutChange(() => call("POST", "/api/v1/teams/invites/preview", RESIDENT, { code: forged[0] }), 400, "invalid_invite");
    await refusedWithoutChange(() => call("POST", "/api/v1/teams/join", RESIDENT, { code: "x".repeat(500) }), 400, "invalid_request");
    // A member of another team (team B's leader) cannot join team A.
    await refusedWithoutChange(() => call("POST", "/api/v1/teams/join", OTHER, { code }), 409, "in_another_team");
    await refusedWithoutChange(() => call("POST", "/api/v1/teams/join", MEMBER, { code }), 409, "already_member");
    // Expired: seven days later.
    const old = await invite(LEADER, teamA);
    await at(new Date(clock.now().getTime() + 7 * 86400_000 + 1000));
    await refusedWithoutChange(() => call("POST", "/api/v1/teams/join", RESIDENT, { code: old }), 410, "invite_expired");
    await at("2026-11-28T02:00:00.000Z");
    // Reused: the member spent one already; a second person is refused.
    const once = await invite(LEADER, teamA);
    await ok("POST", "/api/v1/teams/join", RESIDENT, { code: once });
    await ok("DELETE", `/api/v1/teams/${teamA}/members/${u[RESIDENT]!.learnerId}`, LEADER);
    await refusedWithoutChange(() => call("POST", "/api/v1/teams/join", RESIDENT, { code: once }), 409, "invite_used");
  });

  it("a leader cannot touch another team; an official cannot touch a team outside their commune", async () => {
    await refusedWithoutChange(() => call("DELETE", `/api/v1/teams/${teamB}/members/${u[OTHER]!.learnerId}`, LEADER), 403, "not_team_leader");
    await refusedWithoutChange(() => call("POST", `/api/v1/teams/${teamB}/invites`, LEADER), 403, "not_team_leader");
    await refusedWithoutChange(() => call("GET", `/api/v1/teams/${teamB}/members`, LEADER), 403, "not_team_leader");
    await refusedWithoutChange(() => call("DELETE", `/api/v1/teams/${teamA}/members/${u[LEADER]!.learnerId}`, MEMBER), 403, "not_team_leader");
    await refusedWithoutChange(() => call("PUT", `/api/v1/admin/teams/${teamA}/leader`, LEADER, { zaloUserId: u[MEMBER]!.zaloUserId }), 403, "not_an_official");
    await refusedWithoutChange(
      () => call("PUT", `/api/v1/admin/teams/${teamB}/leader`, OFFICIAL, { zaloUserId: u[MEMBER]!.zaloUserId }),
      403,
      "forbidden_area",
    );
    await refusedWithoutChange(
      () => call("PUT", `/api/v1/admin/teams/${teamA}/leader`, OFFICIAL, { zaloUserId: u[OTHER]!.zaloUserId }),
      409,
      "in_another_team",
    );
    await refusedWithoutChange(() => call("POST", "/api/v1/admin/teams", OFFICIAL, { communeCode: OTHER_COMMUNE, name: "Tổ lạ" }), 403, "forbidden_area");
    await refusedWithoutChange(() => call("POST", "/api/v1/admin/teams", OFFICIAL, { communeCode: BA_DINH, name: "T".repeat(81) }), 400, "invalid_request");
    await refusedWithoutChange(() => call("GET", "/api/v1/admin/teams?area=" + OTHER_COMMUNE, OFFICIAL), 403, "forbidden_area");
    await refusedWithoutChange(() => call("DELETE", `/api/v1/teams/${teamA}/members/${u[LEADER]!.learnerId}`, LEADER), 409, "leader_cannot_leave");
  });

  it("a member records a visit in one request; future dates, ID numbers, oversized text and unknown kinds are refused", async () => {
    const v = visit();
    const saved = await ok("POST", "/api/v1/me/visits", MEMBER, v);
    expect(saved).toMatchObject({ id: v.id, household: "Nhà bác Tư, xóm 3", visitedOn: "2026-11-28", kinds: ["vneid", "scam-awareness"] });
    expect(await ok("POST", "/api/v1/me/visits", MEMBER, v)).toEqual(saved); // a retry stores nothing new
    // 18:00 UTC is already the next day in Vietnam: that day is allowed, the one after is not.
    await at("2026-11-28T18:00:00.000Z");
    await ok("POST", "/api/v1/me/visits", MEMBER, visit({ visitedOn: "2026-11-29" }));
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ visitedOn: "2026-11-30" })), 400, "visit_in_future");
    await at("2026-11-28T02:00:00.000Z");
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ visitedOn: "2026-11-29" })), 400, "visit_in_future");
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ household: "x".repeat(121) })), 400, "household_too_long");
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ household: "x".repeat(1001) })), 400, "invalid_request");
    for (const h of ["Bà Lan CCCD 001234567890", "Anh Hùng 0912 345 678", "ông Ba 0912.345.678"]) {
      await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ household: h })), 400, "household_id_number");
    }
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ household: "   " })), 400, "household_missing");
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ kinds: ["vneid", "bitcoin"] })), 400, "unknown_visit_kind");
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", MEMBER, visit({ visitedOn: "2026-02-30" })), 400, "invalid_request");
    await refusedWithoutChange(() => call("POST", "/api/v1/me/visits", RESIDENT, visit()), 403, "not_in_team");
    expect((await ok("GET", "/api/v1/me/visits", MEMBER)).visits).toHaveLength(2);
    await ok("POST", "/api/v1/me/visits", MEMBER, visit({ household: "Số 12 ngõ 34 Đội Cấn" })); // house numbers are fine
  });

  it("the leader sees each member's progress in the core skills; officials see % trained per team, commune and province", async () => {
    const sync = (who: number) => ok("POST", "/api/v1/progress/sync", who, { events: [attempt("bat-may"), attempt("ket-noi-wifi")] });
    await sync(MEMBER);
    const { members } = await ok("GET", `/api/v1/teams/${teamA}/members`, LEADER);
    expect(members).toHaveLength(2);
    const m = members.find((x: { learnerId: string }) => x.learnerId === u[MEMBER]!.learnerId);
    expect(m).toMatchObject({ role: "member", trained: true, skills: [{ skillId: "dien-thoai", lessonsTotal: 2, lessonsPassed: 2 }] });
    expect(members.find((x: { role: string }) => x.role === "leader")).toMatchObject({ learnerId: u[LEADER]!.learnerId, trained: false });
    expect(JSON.stringify(members)).not.toMatch(/phone|zalo/i);
    const list = await ok("GET", `/api/v1/admin/teams?area=${BA_DINH}`, OFFICIAL);
    expect(list.area).toMatchObject({ code: BA_DINH, name: "Phường Ba Đình, Thành phố Hà Nội", teams: 1, members: 2, trained: 1, trainedPct: 50 });
    expect(list.teams).toEqual([
      expect.objectContaining({ id: teamA, members: 2, trained: 1, leader: { learnerId: u[LEADER]!.learnerId, name: expect.any(String) } }),
    ]);
    expect((await ok("GET", "/api/v1/admin/teams", OFFICIAL)).teams.map((x: { id: number }) => x.id)).toEqual([teamA]);
    // The province, as the operator sees it: Hà Nội's one team; the whole country: both teams, 3 members.
    const { listTeams } = await import("../../bot-server/src/services/teams/list-teams.js");
    const { teamDeps } = await import("../../bot-server/src/routes/teams.js");
    const province = await listTeams(teamDeps(t.app)(), SEEDER, "01");
    expect(province.area).toMatchObject({ code: "01", name: "Thành phố Hà Nội", teams: 1, members: 2, trained: 1, trainedPct: 50 });
    expect(province.communes).toEqual([{ code: BA_DINH, name: "Phường Ba Đình, Thành phố Hà Nội", teams: 1, members: 2, trained: 1, trainedPct: 50 }]);
    expect((await listTeams(teamDeps(t.app)(), SEEDER)).area).toMatchObject({ teams: 2, members: 3, trained: 1, trainedPct: 33 });
  });

  it("a resident who opened the app with a member's code is credited once, after agreeing", async () => {
    // Someone who did not first open the app through a code is not asked, and cannot claim one later.
    expect(await ok("GET", `/api/v1/me/credit?ref=${memberRef}`, RESIDENT)).toMatchObject({ state: "none" });
    await refusedWithoutChange(
      () => call("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: CREDIT_CONSENT.version, agree: true }),
      400,
      "not_first_open",
    );
    // The app opened through the member's QR code: its first sync carries the code.
    await ok("POST", "/api/v1/progress/sync", RESIDENT, { events: [attempt("bat-may")], ref: memberRef });
    expect(await ok("GET", `/api/v1/me/credit?ref=${memberRef}`, RESIDENT)).toMatchObject({
      state: "open",
      teamName: "Tổ công nghệ số tổ dân phố 5",
      consent: CREDIT_CONSENT,
    });
    // No consent, an old consent version, or the member crediting themself: refused.
    await refusedWithoutChange(
      () => call("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: CREDIT_CONSENT.version, agree: false }),
      400,
      "invalid_request",
    );
    await refusedWithoutChange(() => call("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: "old" }), 400, "invalid_request");
    await refusedWithoutChange(
      () => call("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: "old", agree: true }),
      409,
      "consent_outdated",
    );
    await refusedWithoutChange(
      () => call("POST", "/api/v1/me/credit", MEMBER, { ref: memberRef, consentVersion: CREDIT_CONSENT.version, agree: true }),
      409,
      "self_credit",
    );
    expect(await ok("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: CREDIT_CONSENT.version, agree: true })).toEqual({
      credited: true,
      teamName: "Tổ công nghệ số tổ dân phố 5",
    });
    const rows = (await snapshot(t)).credits;
    expect(rows).toEqual([
      {
        resident_id: u[RESIDENT]!.learnerId,
        member_id: u[MEMBER]!.learnerId,
        team_id: teamA,
        ref_code: memberRef,
        consent_version: CREDIT_CONSENT.version,
        consent_text: CREDIT_CONSENT.text,
        consented_at: clock.now().toISOString(),
      },
    ]);
    // Twice, through the same code or another team's: refused, nothing changes.
    await refusedWithoutChange(
      () => call("POST", "/api/v1/me/credit", RESIDENT, { ref: memberRef, consentVersion: CREDIT_CONSENT.version, agree: true }),
      409,
      "already_credited",
    );
    const teamBRef = (await snapshot(t)).teams.find((x) => Number(x.id) === teamB)!.ref_code;
    await refusedWithoutChange(
      () => call("POST", "/api/v1/me/credit", RESIDENT, { ref: teamBRef, consentVersion: CREDIT_CONSENT.version, agree: true }),
      409,
      "already_credited",
    );
    expect((await ok("GET", "/api/v1/me/credit", RESIDENT)).state).toBe("credited");
    expect((await ok("GET", "/api/v1/me/team", MEMBER)).team.residentsCredited).toBe(1);
  });
});
