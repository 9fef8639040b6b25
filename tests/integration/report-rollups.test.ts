import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERASE_CONFIRMATION } from "../../shared/schemas/me-data.js";
import { CREDIT_CONSENT } from "../../shared/schemas/team.js";
import type { Report } from "../../shared/schemas/report.js";
import { teamDeps } from "../../bot-server/src/routes/teams.js";
import { CLI_ROLES } from "../../bot-server/src/services/admin/access.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { buildReport } from "../../bot-server/src/services/reports/build-report.js";
import { rebuildReportRollups } from "../../bot-server/src/services/reports/rollups.js";
import { syncProgress } from "../../bot-server/src/services/sync-progress.js";
import { eraseMe } from "../../bot-server/src/services/me/erase-me.js";
import { createTeam } from "../../bot-server/src/services/teams/create-team.js";
import { creditResident } from "../../bot-server/src/services/teams/credit-resident.js";
import { createInvite, joinTeam } from "../../bot-server/src/services/teams/join-team.js";
import { nameLeader } from "../../bot-server/src/services/teams/name-leader.js";
import { recordVisit } from "../../bot-server/src/services/teams/record-visit.js";
import { removeMember } from "../../bot-server/src/services/teams/remove-member.js";
import type { TeamActor } from "../../bot-server/src/services/teams/team-deps.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { attempt, completion, fixtureCourse, manualClock, type FixtureLessonId } from "../helpers/fixture.js";

const course = fixtureCourse();
const areas = loadAreas();
const HANOI = areas.communes
  .filter((c) => c.provinceCode === "01")
  .slice(0, 2)
  .map((c) => c.code);
const ELSEWHERE = areas.communes.find((c) => c.provinceCode !== "01")!.code;
const LESSONS: FixtureLessonId[] = ["bat-may", "ket-noi-wifi", "nhan-biet-lua-dao"];
const OFFICIAL: TeamActor = { id: "cli:test", roles: CLI_ROLES, learnerId: "nobody" };

/** A small seeded generator, so that a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32;
}

describe.each(DIALECTS)("report rollups on %s", (dialect) => {
  const clock = manualClock(new Date("2026-09-01T02:00:00.000Z"));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
  });
  afterAll(async () => t?.close());

  it("after a random mix of writes the rollups equal a count from scratch, and so do the reports", async () => {
    const rnd = prng(20261128);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const deps = { ...teamDeps(t.app)(), costs: { teamMonthVnd: 1000, memberTrainedVnd: 500 }, outcomeKinds: t.app.services.outcomeKinds };
    const repos = deps.repos;
    const people: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `learner-${i}`;
      await repos.learners.insert({
        id,
        zalo_user_id: `55000000000000${1000 + i}`,
        name: `Người ${i}`,
        id_by_oa: null,
        ref_code: null,
        created_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
      });
      people.push(id);
    }
    const teams = [];
    for (const code of [...HANOI, HANOI[0]!, ELSEWHERE]) teams.push(await createTeam(deps, OFFICIAL, { communeCode: code, name: `Tổ ${teams.length + 1}` }));
    const ops: Record<string, number> = {};
    const tryOp = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        ops[name] = (ops[name] ?? 0) + 1;
      } catch (e) {
        if (!(e instanceof Error) || !("statusCode" in e)) throw e; // refusals (4xx) are part of the mix
      }
    };
    for (let step = 0; step < 400; step++) {
      if (rnd() < 0.05) clock.set(new Date(clock.now().getTime() + Math.floor(rnd() * 5 * 86_400_000)));
      const who = pick(people);
      const team = pick(teams);
      const r = rnd();
      if (r < 0.015) {
        // Erasure anonymises and ends the membership (the data-rights feature): the rollups follow.
        await tryOp("erase", () => eraseMe(deps, who, ERASE_CONFIRMATION));
      } else if (r < 0.12) {
        await tryOp("join", async () => joinTeam(deps, { id: who, learnerId: who }, (await createInvite(deps, OFFICIAL, team.id)).code));
      } else if (r < 0.16) {
        await tryOp("leader", () => nameLeader(deps, OFFICIAL, team.id, { learnerId: who }));
      } else if (r < 0.2) {
        const m = await repos.teams.membershipOf(who);
        await tryOp("remove", () => removeMember(deps, OFFICIAL, m ? Number(m.team_id) : team.id, who));
      } else if (r < 0.35) {
        // A new resident opens the app through the team's code (their first sync carries it), then agrees to be credited.
        const id = `resident-${step}`;
        const now = clock.now().toISOString();
        await repos.learners.insert({
          id,
          zalo_user_id: `56000000000000${1000 + step}`,
          name: `Cư dân ${step}`,
          id_by_oa: null,
          ref_code: null,
          created_at: now,
          updated_at: now,
        });
        people.push(id);
        await syncProgress(deps, id, { events: [attempt(pick(LESSONS), { at: now })], ref: team.refCode });
        await tryOp("credit", () => creditResident(deps, id, { ref: team.refCode, consentVersion: CREDIT_CONSENT.version }));
      } else if (r < 0.5) {
        const visitedOn = new Date(clock.now().getTime() + 7 * 3600_000 - Math.floor(rnd() * 40) * 86_400_000).toISOString().slice(0, 10);
        const kinds = [...new Set([pick(deps.visitKinds).id, pick(deps.visitKinds).id])];
        await tryOp("visit", () => recordVisit(deps, who, { id: `v-${step}`, household: `Hộ ${step}`, visitedOn, kinds }));
      } else {
        const at = new Date(clock.now().getTime() - Math.floor(rnd() * 30 * 86_400_000)).toISOString();
        const lesson = pick(LESSONS);
        const events = rnd() < 0.4 ? [completion(lesson, { at })] : [attempt(lesson, { at, wrong: rnd() < 0.4 ? ["q1", "q2"] : [] })];
        await tryOp("sync", () => syncProgress(deps, who, { events }));
      }
    }
    // Then many writes at once (PostgreSQL runs them in parallel): residents of the same communes syncing,
    // members recording visits. Row locks are taken in one order, so none deadlocks and none is lost.
    const credited = (await t.testDb.db.db.selectFrom("credits").select("resident_id").execute()).map((c) => c.resident_id);
    const members = (await t.testDb.db.db.selectFrom("team_members").select("learner_id").where("removed_at", "is", null).execute()).map((m) => m.learner_id);
    expect(credited.length).toBeGreaterThan(5);
    const at = clock.now().toISOString();
    await Promise.all([
      ...credited.map((id, i) =>
        syncProgress(deps, id, {
          events: [completion(LESSONS[i % 3]!, { at }), attempt(LESSONS[(i + 1) % 3]!, { at }), attempt(LESSONS[(i + 2) % 3]!, { at, wrong: ["q1", "q2"] })],
        }),
      ),
      ...members.map((id, i) => recordVisit(deps, id, { id: `burst-${i}`, household: `Hộ ${i}`, visitedOn: at.slice(0, 10), kinds: ["vneid", "payment"] })),
    ]);
    // Every kind of write happened, several times.
    for (const k of ["join", "leader", "remove", "credit", "visit", "sync", "erase"])
      expect(ops[k], JSON.stringify(ops)).toBeGreaterThan(k === "erase" ? 0 : 2);

    const report = (q: { area?: string; team?: number }) => buildReport(deps, OFFICIAL, { weeks: 16, ...q } as never) as Promise<Report>;
    const kept = await repos.reportRollups.snapshot();
    const reportsKept = [await report({ area: "01" }), await report({ area: HANOI[0] }), await report({ team: teams[0]!.id })];
    expect(kept.totals!.length).toBeGreaterThan(0);
    await rebuildReportRollups(repos, deps.catalog);
    expect(await repos.reportRollups.snapshot()).toEqual(kept);
    expect([await report({ area: "01" }), await report({ area: HANOI[0] }), await report({ team: teams[0]!.id })]).toEqual(reportsKept);
    // And the figures match plain counts of the base tables.
    const db = t.testDb.db.db;
    const hanoiTeams = teams.filter((x) => x.communeCode !== ELSEWHERE).map((x) => x.id);
    const count = async (q: Promise<{ n: unknown }>) => Number((await q).n);
    expect(reportsKept[0]!.totals.residentsCredited).toBe(
      await count(
        db
          .selectFrom("credits")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("team_id", "in", hanoiTeams)
          .executeTakeFirstOrThrow(),
      ),
    );
    expect(reportsKept[0]!.totals.householdsVisited).toBe(
      await count(
        db
          .selectFrom("visits")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("team_id", "in", hanoiTeams)
          .executeTakeFirstOrThrow(),
      ),
    );
    expect(reportsKept[0]!.totals.members).toBe(
      await count(
        db
          .selectFrom("team_members")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("team_id", "in", hanoiTeams)
          .where("removed_at", "is", null)
          .executeTakeFirstOrThrow(),
      ),
    );
    expect(reportsKept[0]!.totals.lessonsCompleted).toBe(
      await count(
        db
          .selectFrom("lesson_completions as lc")
          .innerJoin("credits as c", "c.resident_id", "lc.learner_id")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("c.team_id", "in", hanoiTeams)
          .executeTakeFirstOrThrow(),
      ),
    );
  });

  it("syncs of the same people in parallel, while they join and leave teams, still add up exactly", async () => {
    // A sync takes no lock unless the person is in a team; joining and leaving wait for syncs in flight. Each person
    // here syncs many overlapping batches at once (the same lessons, so a share counted twice would show).
    const deps = { ...teamDeps(t.app)(), costs: { teamMonthVnd: 1000, memberTrainedVnd: 500 }, outcomeKinds: t.app.services.outcomeKinds };
    const repos = deps.repos;
    const team = await createTeam(deps, OFFICIAL, { communeCode: HANOI[1]!, name: "Tổ song song" });
    const now = clock.now().toISOString();
    const people = Array.from({ length: 8 }, (_, i) => `parallel-${i}`);
    for (const [i, id] of people.entries()) {
      await repos.learners.insert({
        id,
        zalo_user_id: `57000000000000${1000 + i}`,
        name: `Song song ${i}`,
        id_by_oa: null,
        ref_code: null,
        created_at: now,
        updated_at: now,
      });
    }
    const [residents, joining, members] = [people.slice(0, 3), people.slice(3, 6), people.slice(6)];
    for (const id of residents) {
      await syncProgress(deps, id, { events: [], ref: team.refCode });
      await creditResident(deps, id, { ref: team.refCode, consentVersion: CREDIT_CONSENT.version });
    }
    for (const id of members) await joinTeam(deps, { id, learnerId: id }, (await createInvite(deps, OFFICIAL, team.id)).code);
    const invites = await Promise.all(joining.map(() => createInvite(deps, OFFICIAL, team.id)));
    const syncs = people.flatMap((id) =>
      Array.from({ length: 8 }, (_, k) => {
        const lesson = LESSONS[k % 3]!;
        const events =
          k % 2 === 0
            ? [completion(lesson, { at: now }), attempt(LESSONS[(k + 1) % 3]!, { at: now })]
            : [attempt(lesson, { at: now, wrong: k % 4 === 1 ? ["q1"] : [] })];
        return syncProgress(deps, id, { events });
      }),
    );
    await Promise.all([
      ...syncs,
      ...joining.map((id, i) => joinTeam(deps, { id, learnerId: id }, invites[i]!.code)),
      removeMember(deps, OFFICIAL, team.id, members[0]!),
    ]);
    const kept = await repos.reportRollups.snapshot();
    await rebuildReportRollups(repos, deps.catalog);
    expect(await repos.reportRollups.snapshot()).toEqual(kept);
    // Each credited resident attempted and completed every lesson, many times over: each counts once per lesson.
    const ofTeam = (rows: unknown[] | undefined) => ((rows ?? []) as Record<string, unknown>[]).filter((row) => row.team_id === team.id);
    expect(ofTeam(kept.quiz).map((row) => [row.lesson_id, row.attempted])).toEqual(LESSONS.map((l) => [l, 3]).sort());
    expect(ofTeam(kept.totals).map((row) => [row.members, row.credited, row.lessons])).toEqual([[4, 3, 9]]);
  });

  it("a sync that starts while someone joins the team is counted once: it waits for the join, then sees the membership", async () => {
    // The join has read the person's learning and holds its transaction open; the sync starts then. Without the
    // join's table lock the sync would see no membership and the join would not see the sync's attempt: lost.
    const deps = { ...teamDeps(t.app)(), costs: { teamMonthVnd: 1000, memberTrainedVnd: 500 }, outcomeKinds: t.app.services.outcomeKinds };
    const repos = deps.repos;
    const team = await createTeam(deps, OFFICIAL, { communeCode: HANOI[0]!, name: "Tổ chờ nhau" });
    const now = clock.now().toISOString();
    const who = "joining-while-syncing";
    await repos.learners.insert({
      id: who,
      zalo_user_id: "5800000000000000099",
      name: "Người mới",
      id_by_oa: null,
      ref_code: null,
      created_at: now,
      updated_at: now,
    });
    // One of the two core lessons passed before; the sync during the join passes the other: the member is trained.
    await syncProgress(deps, who, { events: [attempt("bat-may", { at: now })] });
    let joinReady!: () => void;
    const ready = new Promise<void>((r) => (joinReady = r));
    const slowJoin = {
      ...deps,
      repos: {
        ...repos,
        transaction: <T>(fn: (r: typeof repos) => Promise<T>) =>
          repos.transaction(async (trx) => {
            const out = await fn(trx as typeof repos);
            joinReady();
            await new Promise((r) => setTimeout(r, 400));
            return out;
          }),
      },
    };
    const join = joinTeam(slowJoin, { id: who, learnerId: who }, (await createInvite(deps, OFFICIAL, team.id)).code);
    await ready;
    await Promise.all([join, syncProgress(deps, who, { events: [attempt("ket-noi-wifi", { at: now })] })]);
    const kept = await repos.reportRollups.snapshot();
    await rebuildReportRollups(repos, deps.catalog);
    expect(await repos.reportRollups.snapshot()).toEqual(kept);
    expect(
      kept
        .totals!.filter((row) => (row as { team_id: number }).team_id === team.id)
        .map((row) => [(row as { members: number }).members, (row as { trained: number }).trained]),
    ).toEqual([[1, 1]]);
  });
  it("a resident in no team syncs in one statement; anyone in a team, and any replay, takes the full path and stores nothing there", async () => {
    const deps = teamDeps(t.app)();
    const repos = deps.repos;
    const r = repos.reportRollups;
    const now = clock.now().toISOString();
    for (const [i, id] of ["alone-1", "alone-2"].entries()) {
      await repos.learners.insert({
        id,
        zalo_user_id: `5600000000000000${100 + i}`,
        name: "Một mình",
        id_by_oa: null,
        ref_code: null,
        created_at: now,
        updated_at: now,
      });
    }
    const tried = (id: string, learner: string, lesson: string) => ({
      id,
      learner_id: learner,
      lesson_id: lesson,
      correct: 2,
      total: 2,
      score_pct: 100,
      passed: 1,
      answers: "[]",
      answered_at: now,
      received_at: now,
    });
    const done = (id: string, learner: string, lesson: string) => ({ id, learner_id: learner, lesson_id: lesson, completed_at: now, received_at: now });
    const ids = async (learner: string) =>
      [
        ...(await repos.progress.findAttempts(["alone-a1", "alone-a2", "alone-a3", "alone-a4"])).filter((x) => x.learner_id === learner).map((x) => x.id),
        ...(await repos.progress.findCompletions(["alone-c1", "alone-c2"])).filter((x) => x.learner_id === learner).map((x) => x.id),
      ].sort();
    expect(await r.storeLearningIfAlone("alone-1", [tried("alone-a1", "alone-1", "bat-may")], [])).toEqual({ attempts: ["alone-a1"], completions: [] });
    const both = await r.storeLearningIfAlone("alone-1", [tried("alone-a4", "alone-1", "ket-noi-wifi")], [done("alone-c1", "alone-1", "bat-may")]);
    // SQLite has no INSERT inside WITH: a batch of both kinds takes the full path there.
    expect(both).toEqual(dialect === "postgres" ? { attempts: ["alone-a4"], completions: ["alone-c1"] } : null);
    if (!both)
      expect(await r.storeLearningIfAlone("alone-1", [], [done("alone-c1", "alone-1", "bat-may")])).toEqual({ attempts: [], completions: ["alone-c1"] });
    // A replay with one new event fails whole: the new one is not stored by this path.
    expect(await r.storeLearningIfAlone("alone-1", [tried("alone-a1", "alone-1", "bat-may"), tried("alone-a2", "alone-1", "bat-may")], [])).toBeNull();
    // A second completion of a lesson, under a new id, likewise.
    expect(await r.storeLearningIfAlone("alone-1", [], [done("alone-c2", "alone-1", "bat-may")])).toBeNull();
    expect(await ids("alone-1")).toEqual(dialect === "postgres" ? ["alone-a1", "alone-a4", "alone-c1"] : ["alone-a1", "alone-c1"]);
    // Once in a team, the rollups must move: nothing is stored here.
    const team = await createTeam(deps, OFFICIAL, { communeCode: HANOI[0]!, name: "Tổ một mình" });
    await joinTeam(deps, { id: "alone-2", learnerId: "alone-2" }, (await createInvite(deps, OFFICIAL, team.id)).code);
    expect(await r.storeLearningIfAlone("alone-2", [tried("alone-a3", "alone-2", "bat-may")], [])).toBeNull();
    expect(await ids("alone-2")).toEqual([]);
  });
});
