import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDS_ON_CONSENT } from "../../shared/constants/assessment.js";
import type { AssessmentAttempt, AssessmentResult, HandsOnPreview, MyCertificate, SkillCompletion } from "../../shared/schemas/assessment.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { signedInPeople } from "../helpers/officials.js";
import { addCredit, addMember, addTeam } from "../helpers/team-rows.js";

/*
 * The fixture's assessment of dien-thoai (tests/fixtures/content/assessments/dien-thoai.yaml): four questions, three
 * drawn per attempt here, pass at 80 % (so all three). The right answers are written out by hand from the YAML, by
 * the options' positions as written, so that the test does not grade with the code under test.
 */
const KEY: Record<string, number[]> = { q1: [1], q2: [1], q3: [0, 1, 2], q4: [0, 2] };
const WRONG: Record<string, number[]> = { q1: [0], q2: [0], q3: [1, 0, 2], q4: [0] };
const SKILL = "dien-thoai";
const PEOPLE = {
  memberA: "550000000000000091",
  memberB: "550000000000000092",
  stranger: "550000000000000093",
  official: "550000000000000094",
  memberA2: "550000000000000095",
};
const bank = fixtureCourse().assessments.find((a) => a.skill === SKILL)!;
const ids = (qid: string, positions: number[]) => positions.map((i) => bank.questions.find((q) => q.id === qid)!.options[i]!.id);
const answersFor = (a: AssessmentAttempt, wrong: string[] = []) => ({
  answers: a.questions.map((q) => ({ questionId: q.id, answer: ids(q.id, wrong.includes(q.id) ? WRONG[q.id]! : KEY[q.id]!) })),
});

describe.each(DIALECTS)("completing a skill: final assessment, hands-on tasks, certificates, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2026-12-08T02:00:00.000Z"));
  let resident: { token: string; learnerId: string };
  let teamA = 0;

  const call = async (method: "GET" | "POST" | "DELETE", url: string, who: string | null, payload?: object) => {
    // A session issued now: the test's clock runs past a session's lifetime.
    const id = who === "resident" ? resident.learnerId : `person-${PEOPLE[who as keyof typeof PEOPLE]}`;
    const auth = who === null ? {} : { authorization: `Bearer ${t.app.services.sessions.issue(id).token}` };
    return t.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  };
  const ok = async <T>(method: "GET" | "POST", url: string, who: string, payload?: object): Promise<T> => {
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const refused = async (method: "GET" | "POST", url: string, who: string | null, payload: object | undefined, status: number, code: string) => {
    const before = await state();
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ error: code });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(await state()).toEqual(before);
  };
  const state = async () => {
    const db = t.testDb.db.db;
    return {
      attempts: await db.selectFrom("assessment_attempts").selectAll().orderBy("id").execute(),
      confirmations: await db.selectFrom("hands_on_confirmations").selectAll().orderBy("task_id").execute(),
      certificates: await db.selectFrom("certificates").selectAll().orderBy("code").execute(),
      audit: await db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
    };
  };

  beforeAll(async () => {
    t = await createTestApp(
      dialect,
      { clock, course: fixtureCourse() },
      { ASSESSMENT_QUESTIONS: "3", ASSESSMENT_RETRY_MINUTES: "60", ASSESSMENT_ATTEMPTS_PER_DAY: "3" },
    );
    await t.app.ready();
    resident = await signInAs(t.app, 0);
    const at = clock.now().toISOString();
    await signedInPeople(
      t,
      Object.entries(PEOPLE).map(([name, zaloUserId]) => ({
        name,
        zaloUserId,
        ...(name === "official" ? { role: "commune_official" as const, areaCode: "00004" } : {}),
      })),
      at,
    );
    const db = t.testDb.db.db;
    teamA = await addTeam(db, "Tổ 5 phường Ba Đình", "00004", at);
    const teamB = await addTeam(db, "Tổ 2 phường Ngọc Hà", "00008", at);
    for (const [who, teamId] of [
      [PEOPLE.memberA, teamA],
      [PEOPLE.memberB, teamB],
      [PEOPLE.memberA2, teamA],
    ] as const)
      await addMember(db, teamId, `person-${who}`, at);
    await addCredit(db, resident.learnerId, teamA, `person-${PEOPLE.memberA}`, at);
  });
  afterAll(async () => t?.close());

  it("draws questions from the bank with shuffled options and no answers; a reload gives the same attempt back", async () => {
    const a = await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident");
    expect(a.questions).toHaveLength(3);
    expect(a.passPercent).toBe(80);
    expect(JSON.stringify(a)).not.toMatch(/"correct"|"explain"/);
    expect(new Set(a.questions.map((q) => q.id)).size).toBe(3);
    for (const q of a.questions)
      expect(new Set(q.options.map((o) => o.id))).toEqual(new Set(bank.questions.find((b) => b.id === q.id)!.options.map((o) => o.id)));
    expect(await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident")).toEqual(a);
    const status = await ok<SkillCompletion>("GET", `/api/v1/me/completions/${SKILL}`, "resident");
    expect(status.assessment).toMatchObject({ openAttempt: a.attemptId, passed: false, questions: 3, attemptsLeftToday: 2 });
  });

  it("draws differently from one attempt to the next: which questions, and in what order their options come", async () => {
    const draws = new Set<string>();
    const orders = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { token: s } = { token: t.app.services.sessions.issue(`draw-${i}`).token };
      await t.testDb.db.db
        .insertInto("learners")
        .values({
          id: `draw-${i}`,
          zalo_user_id: `5599000000000000${10 + i}`,
          name: "x",
          id_by_oa: null,
          ref_code: null,
          created_at: "2026-12-08T00:00:00Z",
          updated_at: "2026-12-08T00:00:00Z",
          name_consent_at: null,
        })
        .execute();
      const res = await t.app.inject({ method: "POST", url: `/api/v1/me/assessments/${SKILL}/attempts`, headers: { authorization: `Bearer ${s}` } });
      const a = res.json() as AssessmentAttempt;
      draws.add(a.questions.map((q) => q.id).join(","));
      for (const q of a.questions) if (q.id === "q1") orders.add(q.options.map((o) => o.id).join(","));
    }
    expect(draws.size).toBeGreaterThan(1);
    expect(orders.size).toBeGreaterThan(1);
  });

  it("opens one attempt only, however many arrive at once: the retry rule cannot be outrun", async () => {
    await t.testDb.db.db
      .insertInto("learners")
      .values({
        id: "burst",
        zalo_user_id: "559900000000000099",
        name: "x",
        id_by_oa: null,
        ref_code: null,
        created_at: "2026-12-08T00:00:00Z",
        updated_at: "2026-12-08T00:00:00Z",
        name_consent_at: null,
      })
      .execute();
    const token = t.app.services.sessions.issue("burst").token;
    const res = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.app.inject({ method: "POST", url: `/api/v1/me/assessments/${SKILL}/attempts`, headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(res.map((r) => (r.json() as AssessmentAttempt).attemptId)).size).toBe(1);
    expect(await t.testDb.db.db.selectFrom("assessment_attempts").select("id").where("learner_id", "=", "burst").execute()).toHaveLength(1);
  });

  it("refuses a half-answered, malformed or someone else's submission and records nothing", async () => {
    const a = await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident");
    const url = `/api/v1/me/assessments/attempts/${a.attemptId}`;
    const full = answersFor(a);
    await refused("POST", url, "resident", { answers: full.answers.slice(1) }, 400, "invalid_answers");
    await refused("POST", url, "resident", { answers: [...full.answers, full.answers[0]] }, 400, "invalid_answers");
    const single = a.questions.find((q) => q.id !== "q3" && q.id !== "q4") ?? a.questions[0]!;
    const twoChoices = full.answers.map((x) => (x.questionId === single.id ? { ...x, answer: single.options.slice(0, 2).map((o) => o.id) } : x));
    if (single.kind === "single" || single.kind === "true-false") await refused("POST", url, "resident", { answers: twoChoices }, 400, "invalid_answers");
    await refused("POST", url, "resident", { answers: full.answers.map((x) => ({ ...x, answer: ["khong-co"] })) }, 400, "invalid_answers");
    await refused("POST", url, "memberA", full, 404, "attempt_not_found");
    await refused("POST", url, null, full, 401, "missing_session");
    await refused("POST", "/api/v1/me/assessments/attempts/not-an-id", "resident", full, 400, "invalid_request");
    await refused("POST", "/api/v1/me/assessments/khong-co/attempts", "resident", undefined, 404, "assessment_not_found");
  });

  it("grades by option id on the server: one wrong of three fails at 80 %, explains the chosen options, names no right answer; the retry rule holds", async () => {
    const a = await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident");
    const wrongOne = a.questions[0]!.id;
    const r = await ok<AssessmentResult>("POST", `/api/v1/me/assessments/attempts/${a.attemptId}`, "resident", answersFor(a, [wrongOne]));
    expect(r).toMatchObject({ correct: 2, total: 3, scorePct: 67, passPercent: 80, passed: false });
    expect(r.questions.find((q) => q.id === wrongOne)!.correct).toBe(false);
    expect(r.questions.filter((q) => q.correct)).toHaveLength(2);
    const q1 = r.questions.find((q) => q.id === "q1");
    if (q1) expect(q1.chosen.length).toBe(1);
    expect(JSON.stringify(r.questions)).not.toContain('"options"');
    await refused("POST", `/api/v1/me/assessments/attempts/${a.attemptId}`, "resident", answersFor(a), 409, "attempt_submitted");

    // An hour's wait after a failed attempt, three attempts in any 24 hours.
    await refused("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident", undefined, 409, "retry_later");
    expect(r.completion.assessment.nextAttemptAt).toBe("2026-12-08T03:00:00.000Z");
    clock.advanceMinutes(61);
    const b = await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident");
    const rb = await ok<AssessmentResult>(
      "POST",
      `/api/v1/me/assessments/attempts/${b.attemptId}`,
      "resident",
      answersFor(
        b,
        b.questions.map((q) => q.id),
      ),
    );
    expect(rb).toMatchObject({ correct: 0, passed: false });
    expect(rb.completion.assessment.attemptsLeftToday).toBe(1);
    clock.advanceMinutes(61);
    const b2 = await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident");
    const rb2 = await ok<AssessmentResult>("POST", `/api/v1/me/assessments/attempts/${b2.attemptId}`, "resident", answersFor(b2, [b2.questions[1]!.id]));
    expect(rb2.completion.assessment).toMatchObject({ attemptsLeftToday: 0, nextAttemptAt: "2026-12-09T02:00:00.000Z" });
    clock.advanceMinutes(61);
    await refused("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident", undefined, 409, "retry_later");
    // The first attempt turns a day old: a place frees.
    clock.set("2026-12-09T02:00:01.000Z");
    const c = await ok<AssessmentAttempt>("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident");
    const rc = await ok<AssessmentResult>("POST", `/api/v1/me/assessments/attempts/${c.attemptId}`, "resident", answersFor(c));
    expect(rc).toMatchObject({ correct: 3, total: 3, scorePct: 100, passed: true });
    expect(rc.completion).toMatchObject({ completed: false, assessment: { passed: true, bestPct: 100, openAttempt: null } });
    await refused("POST", `/api/v1/me/assessments/${SKILL}/attempts`, "resident", undefined, 409, "assessment_passed");
  });

  it("a member of the resident's team confirms hands-on tasks with the resident's code and consent; others are refused and nothing changes", async () => {
    await refused("POST", `/api/v1/me/hands-on/${SKILL}/code`, "resident", { consentVersion: "old" }, 409, "consent_outdated");
    const { code } = await ok<{ code: string; expiresAt: string }>("POST", `/api/v1/me/hands-on/${SKILL}/code`, "resident", {
      consentVersion: HANDS_ON_CONSENT.version,
    });
    expect(code).toMatch(/^[0-9A-Z]{6}$/);
    const seen = await ok<HandsOnPreview>("GET", `/api/v1/teams/hands-on/${code.toLowerCase()}`, "memberA");
    // The code is the member's beside the resident: another member (sent a screenshot of it) cannot use it.
    await refused("GET", `/api/v1/teams/hands-on/${code}`, "memberA2", undefined, 403, "code_in_use");
    expect(seen).toMatchObject({
      skill: SKILL,
      resident: expect.stringMatching(/\./),
      tasks: [{ confirmedAt: null }, { confirmedAt: null }, { confirmedAt: null }],
    });

    const confirm = `/api/v1/teams/hands-on/${code}/confirm`;
    await refused("POST", confirm, "memberB", { tasks: ["bat-tat-may"] }, 403, "other_team");
    await refused("POST", confirm, "stranger", { tasks: ["bat-tat-may"] }, 403, "not_a_member");
    await refused("POST", confirm, "resident", { tasks: ["bat-tat-may"] }, 403, "not_a_member");
    await refused("POST", confirm, "memberA", { tasks: ["bat-tat-may", "bay-len-troi"] }, 400, "unknown_task");
    await refused("POST", "/api/v1/teams/hands-on/ZZZZZZ/confirm", "memberA", { tasks: ["bat-tat-may"] }, 404, "code_not_found");
    await refused("POST", confirm, "memberA", { tasks: [] }, 400, "invalid_request");

    const after = await ok<HandsOnPreview>("POST", confirm, "memberA", { tasks: ["bat-tat-may", "ket-noi-wifi"] });
    expect(after.tasks.filter((x) => x.confirmedAt).map((x) => [x.id, x.team])).toEqual([
      ["bat-tat-may", "Tổ 5 phường Ba Đình"],
      ["ket-noi-wifi", "Tổ 5 phường Ba Đình"],
    ]);
    const rows = (await state()).confirmations;
    expect(rows.map((r) => [r.task_id, r.member_id, Number(r.team_id), r.consent_version])).toEqual([
      ["bat-tat-may", "person-550000000000000091", teamA, HANDS_ON_CONSENT.version],
      ["ket-noi-wifi", "person-550000000000000091", teamA, HANDS_ON_CONSENT.version],
    ]);
    expect((await state()).audit.filter((a) => a.action === "hands_on.confirm")).toHaveLength(1);

    // The code lasts 15 minutes.
    clock.advanceMinutes(16);
    await refused("POST", confirm, "memberA", { tasks: ["khoi-dong-lai"] }, 404, "code_not_found");
  });

  it("a member cannot confirm their own tasks, even with their own code", async () => {
    const { code } = await ok<{ code: string }>("POST", `/api/v1/me/hands-on/${SKILL}/code`, "memberA", { consentVersion: HANDS_ON_CONSENT.version });
    await refused("POST", `/api/v1/teams/hands-on/${code}/confirm`, "memberA", { tasks: ["bat-tat-may"] }, 403, "own_tasks");
  });

  it("issues the skill's certificate once completed, and the five-core one when it completes them; both verify as valid", async () => {
    await refused("POST", "/api/v1/me/certificates", "resident", { skill: SKILL, name: "Nguyễn Văn An" }, 409, "skill_not_completed");
    const { code } = await ok<{ code: string }>("POST", `/api/v1/me/hands-on/${SKILL}/code`, "resident", { consentVersion: HANDS_ON_CONSENT.version });
    await ok("POST", `/api/v1/teams/hands-on/${code}/confirm`, "memberA", { tasks: ["khoi-dong-lai", "bat-tat-may"] });
    expect((await state()).confirmations).toHaveLength(3);
    await refused("POST", "/api/v1/me/certificates", "resident", { skill: SKILL, name: "<b>An</b>" }, 400, "invalid_request");
    const got = (await ok<{ certificates: MyCertificate[] }>("POST", "/api/v1/me/certificates", "resident", { skill: SKILL, name: "  Nguyễn Văn An " }))
      .certificates;
    // The fixture's only core skill is dien-thoai: completing it completes the core set.
    expect(got.map((c) => [c.skill, c.name, c.status])).toEqual([
      [SKILL, "Nguyễn Văn An", "valid"],
      ["core", "Nguyễn Văn An", "valid"],
    ]);
    const again = (await ok<{ certificates: MyCertificate[] }>("POST", "/api/v1/me/certificates", "resident", { skill: SKILL, name: "Nguyễn Văn An" }))
      .certificates;
    expect(again.map((c) => c.code)).toEqual(got.map((c) => c.code));
    expect((await state()).certificates).toHaveLength(2);
    // The certificate is an outcome of the household ledger, recorded once for the resident, in their team.
    const ledger = await t.testDb.db.db
      .selectFrom("ledger_people")
      .innerJoin("ledger_outcomes", "ledger_outcomes.person_id", "ledger_people.id")
      .selectAll()
      .execute();
    expect(ledger.map((l) => [l.learner_id, Number(l.team_id), l.commune_code, l.outcome])).toEqual([[resident.learnerId, teamA, "00004", "certificate"]]);
    const cert = (await state()).certificates.find((c) => c.skill === SKILL)!;
    expect([cert.commune_code, Number(cert.team_id), cert.team_name]).toEqual(["00004", teamA, "Tổ 5 phường Ba Đình"]);
    const link = new URL(got[0]!.verifyUrl);
    expect((await t.app.inject({ url: `${link.pathname}${link.search}` })).body).toContain("Còn hiệu lực");
    expect((await ok<{ certificates: MyCertificate[] }>("GET", "/api/v1/me/certificates", "resident")).certificates).toHaveLength(2);
    expect((await ok<SkillCompletion>("GET", `/api/v1/me/completions/${SKILL}`, "resident")).completed).toBe(true);

    // The official of the commune finds it and revokes it; its page then says so.
    const listed = await ok<{ certificates: { code: string; fullName: string }[] }>("GET", "/api/v1/admin/certificates?q=Nguy", "official");
    expect(listed.certificates.map((c) => c.fullName)).toEqual(["Nguyễn Văn An", "Nguyễn Văn An"]);
    await ok("POST", `/api/v1/admin/certificates/${got[0]!.code}/revoke`, "official", { reason: "Cấp nhầm người" });
    expect((await t.app.inject({ url: `${link.pathname}${link.search}` })).body).toContain("Đã bị thu hồi");
    // The ledger's certificate outcome lasts while a certificate of the resident is valid (the five-core one here).
    const outcomes = () => t.testDb.db.db.selectFrom("ledger_outcomes").select("outcome").execute();
    expect(await outcomes()).toEqual([{ outcome: "certificate" }]);
    await ok("POST", `/api/v1/admin/certificates/${got[1]!.code}/revoke`, "official", { reason: "Cấp nhầm người" });
    expect(await outcomes()).toEqual([]);
    expect(
      (await t.testDb.db.db.selectFrom("ledger_people").select(["has_outcomes", "digital"]).execute()).map((p) => [Number(p.has_outcomes), Number(p.digital)]),
    ).toEqual([[0, 0]]);
  });

  it("the resident's data export holds the attempts, confirmations and certificates; erasing revokes the certificates and drops the name", async () => {
    const data = await ok<Record<string, { data: unknown[] }>>("GET", "/api/v1/me/export", "resident");
    expect(data.finalAssessments!.data.length).toBeGreaterThanOrEqual(3);
    expect(data.handsOnConfirmed!.data).toHaveLength(3);
    expect(data.certificates!.data).toHaveLength(2);
    // Both certificates were revoked by the official: the ledger keeps the resident's row, with no outcome.
    expect(data.householdLedger!.data).toMatchObject({ name: null, household: null, outcomes: [] });
    const res = await call("DELETE", "/api/v1/me", "resident", { confirm: "XOA" });
    expect(res.statusCode, res.body).toBe(200);
    const certs = (await state()).certificates;
    expect(certs.every((c) => c.revoked_at && c.name === "(đã xoá)")).toBe(true);
  });
});
