import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDS_ON_CONSENT, HOUSEHOLD_CONSENT } from "../../shared/constants/assessment.js";
import type { LedgerPerson } from "../../shared/schemas/ledger.js";
import type { Report } from "../../shared/schemas/report.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { completion, fixtureCourse, manualClock } from "../helpers/fixture.js";
import { signedInPeople } from "../helpers/officials.js";
import { addCredit, addMember, addTeam } from "../helpers/team-rows.js";
import { jsonNumbers, parseCsv } from "../helpers/report-csv.js";
import { rebuildReportRollups } from "../../bot-server/src/services/reports/rollups.js";

const PEOPLE = { memberA: "550000000000000071", memberB: "550000000000000072", stranger: "550000000000000073", official: "550000000000000074" };
const BA_DINH = "00004";

describe.each(DIALECTS)("the household ledger counts each resident once, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2026-12-08T02:00:00.000Z"));
  let resident: { learnerId: string };
  let grandmother: { learnerId: string };
  let household: LedgerPerson;

  const call = (method: "GET" | "POST" | "PUT", url: string, who: string, payload?: object) => {
    const id = who === "resident" ? resident.learnerId : who === "grandmother" ? grandmother.learnerId : `person-${PEOPLE[who as keyof typeof PEOPLE]}`;
    return t.app.inject({ method, url, headers: { authorization: `Bearer ${t.app.services.sessions.issue(id).token}` }, ...(payload ? { payload } : {}) });
  };
  const ok = async <T>(method: "GET" | "POST" | "PUT", url: string, who: string, payload?: object): Promise<T> => {
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const rows = async () => {
    const db = t.testDb.db.db;
    return {
      people: await db.selectFrom("ledger_people").selectAll().orderBy("id").execute(),
      outcomes: await db.selectFrom("ledger_outcomes").selectAll().orderBy("person_id").orderBy("outcome").execute(),
      population: await db.selectFrom("commune_population").selectAll().execute(),
    };
  };
  const refused = async (method: "POST" | "PUT", url: string, who: string, payload: object, status: number, code: string) => {
    const before = await rows();
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error).toBe(code);
    expect(await rows()).toEqual(before);
  };
  const codeOf = async (who: "resident" | "grandmother") =>
    (await ok<{ code: string }>("POST", "/api/v1/me/hands-on/dien-thoai/code", who, { consentVersion: HANDS_ON_CONSENT.version })).code;
  const report = (q: string) => ok<Report>("GET", `/api/v1/admin/reports?${q}`, "official");

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock, course: fixtureCourse() });
    await t.app.ready();
    resident = await signInAs(t.app, 0);
    grandmother = await signInAs(t.app, 1);
    const at = clock.now().toISOString();
    await signedInPeople(
      t,
      Object.entries(PEOPLE).map(([name, zaloUserId]) => ({
        name,
        zaloUserId,
        ...(name === "official" ? { role: "commune_official" as const, areaCode: BA_DINH } : {}),
      })),
      at,
    );
    const db = t.testDb.db.db;
    const teamA = await addTeam(db, "Tổ 5 phường Ba Đình", BA_DINH, at);
    const teamB = await addTeam(db, "Tổ 2 phường Ngọc Hà", "00008", at);
    await addMember(db, teamA, `person-${PEOPLE.memberA}`, at);
    await addMember(db, teamB, `person-${PEOPLE.memberB}`, at);
    // The resident is credited to team A (on the consent screen) and has learnt a lesson: already a new digital user.
    await addCredit(db, resident.learnerId, teamA, `person-${PEOPLE.memberA}`, at);
    await ok("POST", "/api/v1/progress/sync", "resident", { events: [completion("bat-may", { at: "2026-12-08T01:00:00.000Z" })] });
    // The credit was written here directly: the report rollups are counted again from the tables.
    await rebuildReportRollups(t.app.services.repos, t.app.services.catalog);
  });
  afterAll(async () => t?.close());

  it("a member records a household member without a smartphone: name and household only, with consent; a retry is the same row", async () => {
    const body = {
      id: randomUUID(),
      name: "  Nguyễn Thị Tư ",
      household: "Nhà bác Tư, xóm 3",
      consentVersion: HOUSEHOLD_CONSENT.version,
      outcomes: ["vneid-level2", "scam-lesson"],
    };
    household = await ok<LedgerPerson>("POST", "/api/v1/teams/ledger", "memberA", body);
    expect(household).toMatchObject({ name: "Nguyễn Thị Tư", household: "Nhà bác Tư, xóm 3", hasAccount: false });
    expect(household.outcomes.map((o) => [o.kind, o.achievedOn])).toEqual([
      ["vneid-level2", "2026-12-08"],
      ["scam-lesson", "2026-12-08"],
    ]);
    expect((await ok<LedgerPerson>("POST", "/api/v1/teams/ledger", "memberA", body)).id).toBe(household.id);
    const stored = (await rows()).people;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      consent_version: HOUSEHOLD_CONSENT.version,
      consent_text: HOUSEHOLD_CONSENT.text,
      recorded_by: `person-${PEOPLE.memberA}`,
      commune_code: BA_DINH,
    });

    const fresh = (o: object) => ({ ...body, id: randomUUID(), ...o });
    await refused("POST", "/api/v1/teams/ledger", "memberA", fresh({ name: "Bà Tư 0912345678" }), 400, "name_not_a_name");
    await refused("POST", "/api/v1/teams/ledger", "memberA", fresh({ household: "CCCD 001234567890" }), 400, "household_id_number");
    await refused("POST", "/api/v1/teams/ledger", "memberA", fresh({ outcomes: ["bay-len-troi"] }), 400, "unknown_outcome");
    // A certificate is recorded by the system when it is issued, never ticked by a member.
    await refused("POST", "/api/v1/teams/ledger", "memberA", fresh({ outcomes: ["certificate"] }), 400, "unknown_outcome");
    await refused("POST", "/api/v1/teams/ledger", "memberA", fresh({ consentVersion: "old" }), 409, "consent_outdated");
    await refused("POST", "/api/v1/teams/ledger", "stranger", fresh({}), 403, "not_a_member");
    await refused("POST", `/api/v1/teams/ledger/${household.id}/outcomes`, "memberB", { outcomes: ["online-procedure"] }, 403, "other_team");
    expect((await ok<{ people: LedgerPerson[] }>("GET", "/api/v1/teams/ledger", "memberA")).people.map((p) => p.id)).toEqual([household.id]);
    expect((await ok<{ people: LedgerPerson[] }>("GET", "/api/v1/teams/ledger", "memberB")).people).toEqual([]);
  });

  it("records a resident with an account by the code on their phone, each outcome once; another team's member is refused", async () => {
    const code = await codeOf("resident");
    await refused("POST", `/api/v1/teams/hands-on/${code}/outcomes`, "memberB", { outcomes: ["vneid-level2"] }, 403, "other_team");
    const p = await ok<LedgerPerson>("POST", `/api/v1/teams/hands-on/${code}/outcomes`, "memberA", { outcomes: ["vneid-level2", "cashless-account"] });
    expect(p).toMatchObject({ hasAccount: true, household: null });
    clock.advanceMinutes(2);
    const again = await ok<LedgerPerson>("POST", `/api/v1/teams/hands-on/${code}/outcomes`, "memberA", { outcomes: ["vneid-level2"] });
    expect(again.id).toBe(p.id);
    expect((await rows()).outcomes.filter((o) => o.person_id === p.id).map((o) => o.outcome)).toEqual(["cashless-account", "vneid-level2"]);
  });

  it("reports each resident once: credited and learning, or in the ledger with an outcome, never both; visits add no one", async () => {
    const visit = (kinds: string[]) =>
      ok("POST", "/api/v1/me/visits", "memberA", { id: randomUUID(), household: "Nhà bác Tư, xóm 3", visitedOn: "2026-12-08", kinds });
    await visit(["vneid", "payment"]);
    await visit(["vneid"]);
    const r = await report(`area=${BA_DINH}&weeks=2`);
    expect(r.totals).toMatchObject({
      residentsCredited: 1,
      residentsLearning: 1,
      householdsVisited: 2,
      accountsCreated: 3,
      residentsInLedger: 2,
      adults: null,
    });
    // The resident (credited, learning, VNeID and payment in the ledger) and the grandmother without a phone.
    expect(r.totals.newDigitalUsers).toBe(2);
    expect(r.totals.outcomes).toEqual({ "vneid-level2": 2, "scam-lesson": 1, "cashless-account": 1 });
    expect(r.outcomes.map((o) => [o.kind, o.residents, o.pctOfAdults])).toEqual([
      ["vneid-level2", 2, null],
      ["online-procedure", 0, null],
      ["cashless-account", 1, null],
      ["scam-lesson", 1, null],
      ["certificate", 0, null],
    ]);
    expect(r.weekly.at(-1)!.outcomes).toEqual({ "vneid-level2": 2, "scam-lesson": 1, "cashless-account": 1 });
    const team = (
      await ok<Report>(
        "GET",
        `/api/v1/admin/reports?team=${(await t.testDb.db.db.selectFrom("teams").select("id").orderBy("id").executeTakeFirstOrThrow()).id}`,
        "official",
      )
    ).totals;
    expect([team.residentsInLedger, team.newDigitalUsers]).toEqual([2, 2]);
  });

  it("gives each outcome's share of the adults an official set for the commune, in the report and its CSV", async () => {
    await refused("PUT", "/api/v1/admin/communes/00008/adults", "official", { adults: 5000 }, 403, "forbidden_area");
    await refused("PUT", `/api/v1/admin/communes/${BA_DINH}/adults`, "official", { adults: -3 }, 400, "invalid_request");
    await ok("PUT", `/api/v1/admin/communes/${BA_DINH}/adults`, "official", { adults: 1000 });
    expect((await ok<{ adults: number }>("GET", `/api/v1/admin/communes/${BA_DINH}/adults`, "official")).adults).toBe(1000);
    const r = await report(`area=${BA_DINH}&weeks=2`);
    expect(r.totals.adults).toBe(1000);
    expect(r.adultsKnown).toEqual({ communes: 1, of: 1 });
    expect(r.outcomes.find((o) => o.kind === "vneid-level2")!.pctOfAdults).toBe(0.2);
    const csv = (await call("GET", `/api/v1/admin/reports.csv?area=${BA_DINH}&weeks=2`, "official")).body;
    expect(Object.fromEntries(parseCsv(csv))).toEqual(Object.fromEntries(jsonNumbers(r)));
    expect(csv).toContain(`total,${BA_DINH},"Phường Ba Đình, Thành phố Hà Nội",outcome:vneid-level2,`);
    expect(csv).toMatch(/outcome_share,vneid-level2,[^\n]*,pctOfAdults,[^\n]*,0\.2\r\n/);
    const audit = await t.testDb.db.db.selectFrom("audit_log").selectAll().where("action", "=", "commune.adults").execute();
    expect(audit.map((a) => [a.area_code, a.before_state, a.after_state])).toEqual([[BA_DINH, '{"adults":null}', '{"adults":1000}']]);
  });

  it("merges a household member into their own account once they sign in: still one person, the earlier date kept", async () => {
    // She signed in on her own phone, and another visit recorded one outcome on her account before the merge.
    clock.advanceMinutes(60 * 24);
    const first = await codeOf("grandmother");
    await ok("POST", `/api/v1/teams/hands-on/${first}/outcomes`, "memberA", { outcomes: ["vneid-level2", "online-procedure"] });
    expect((await report(`area=${BA_DINH}`)).totals.residentsInLedger).toBe(3);
    // The code is held by the member who opened it first.
    await refused("POST", `/api/v1/teams/ledger/${household.id}/merge`, "memberB", { code: first }, 403, "code_in_use");
    const probe = await codeOf("grandmother");
    await refused("POST", `/api/v1/teams/ledger/${household.id}/merge`, "memberB", { code: probe }, 403, "other_team");
    const mine = await codeOf("grandmother");
    const merged = await ok<LedgerPerson>("POST", `/api/v1/teams/ledger/${household.id}/merge`, "memberA", { code: mine });
    expect(merged.hasAccount).toBe(true);
    expect(merged.outcomes.map((o) => [o.kind, o.achievedOn])).toEqual([
      ["vneid-level2", "2026-12-08"],
      ["scam-lesson", "2026-12-08"],
      ["online-procedure", "2026-12-09"],
    ]);
    await refused("POST", `/api/v1/teams/ledger/${household.id}/merge`, "memberA", { code: mine }, 404, "person_not_found");
    // Someone with their own account is recorded beside them with their code, not from the list.
    await refused("POST", `/api/v1/teams/ledger/${merged.id}/outcomes`, "memberA", { outcomes: ["online-procedure"] }, 409, "use_code");
    const r = await report(`area=${BA_DINH}`);
    expect(r.totals.residentsInLedger).toBe(2);
    expect(r.totals.outcomes).toEqual({ "vneid-level2": 2, "scam-lesson": 1, "cashless-account": 1, "online-procedure": 1 });
    expect(r.totals.newDigitalUsers).toBe(2);
  });

  it("a household member who asks to be taken out loses their name and household, not the count; audited", async () => {
    const body = {
      id: randomUUID(),
      name: "Lê Văn Sáu",
      household: "Nhà ông Sáu, xóm 1",
      consentVersion: HOUSEHOLD_CONSENT.version,
      outcomes: ["scam-lesson"],
    };
    const p = await ok<LedgerPerson>("POST", "/api/v1/teams/ledger", "memberA", body);
    const before = (await report(`area=${BA_DINH}`)).totals.residentsInLedger;
    const del = (who: string, id = p.id) =>
      t.app.inject({
        method: "DELETE",
        url: `/api/v1/teams/ledger/${id}`,
        headers: { authorization: `Bearer ${t.app.services.sessions.issue(`person-${PEOPLE[who as keyof typeof PEOPLE]}`).token}` },
      });
    expect((await del("memberB")).statusCode).toBe(403);
    expect((await del("memberA")).statusCode).toBe(200);
    expect((await del("memberA")).json().error).toBe("already_erased");
    const resident = (await ok<{ people: LedgerPerson[] }>("GET", "/api/v1/teams/ledger", "memberA")).people.find((x) => x.hasAccount && x.household === null)!;
    expect((await del("memberA", resident.id)).json().error).toBe("has_account");
    const row = (await rows()).people.find((x) => x.id === p.id)!;
    expect([row.name, row.household]).toEqual(["(đã xoá)", "(đã xoá)"]);
    expect((await report(`area=${BA_DINH}`)).totals.residentsInLedger).toBe(before);
    expect((await t.testDb.db.db.selectFrom("audit_log").selectAll().where("action", "=", "ledger.erase_person").execute()).map((a) => a.target)).toEqual([
      `ledger:${p.id}`,
    ]);
  });

  it("a resident of the ledger who is later credited and learns is still one new digital user", async () => {
    const db = t.testDb.db.db;
    const teamA = Number((await db.selectFrom("teams").select("id").where("commune_code", "=", BA_DINH).executeTakeFirstOrThrow()).id);
    await addCredit(db, grandmother.learnerId, teamA, null, clock.now().toISOString());
    await rebuildReportRollups(t.app.services.repos, t.app.services.catalog);
    expect((await report(`area=${BA_DINH}`)).totals).toMatchObject({ residentsCredited: 2, residentsLearning: 1, newDigitalUsers: 2 });
    // Her first lesson, synced from her phone: counted among residents learning, and no longer as a ledger extra.
    await ok("POST", "/api/v1/progress/sync", "grandmother", { events: [completion("bat-may", { at: clock.now().toISOString() })] });
    expect((await report(`area=${BA_DINH}`)).totals).toMatchObject({ residentsLearning: 2, residentsInLedger: 3, newDigitalUsers: 2 });
  });
});
