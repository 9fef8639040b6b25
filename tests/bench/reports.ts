/**
 * npm run bench:reports — the province and commune dashboards at national scale on PostgreSQL.
 *
 * Seeds a fresh database (CREATE DATABASE ksc_reports_<random>, dropped at the end) with generate_series
 * INSERT … SELECT: 1,000,000 learners, 10,000,000 progress rows (6 M quiz attempts, 4 M lesson completions),
 * 50,000 teams over the 3,321 communes (300,000 members), 700,000 residents credited and 300,000 visits, a
 * household ledger of 400,000 residents (300,000 with an account, 100,000 household members without one) holding
 * 1,000,000 outcomes, and every commune's adult population; then
 * builds the report rollups from scratch and times the report service for the busiest province and one of its
 * communes (ROUNDS calls each, after a warm-up), beside a bare `SELECT 1` round trip on the same pool.
 * The last line is one JSON object.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { loadVisitKinds } from "../../shared/visit-kinds.js";
import { loadOutcomeKinds } from "../../shared/outcome-kinds.js";
import { connect } from "../../bot-server/src/db/connect.js";
import { migrateToLatest } from "../../bot-server/src/db/migrate.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { CLI_ROLES } from "../../bot-server/src/services/admin/access.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { courseCatalog } from "../../bot-server/src/services/course-catalog.js";
import { buildReport } from "../../bot-server/src/services/reports/build-report.js";
import { rebuildReportRollups } from "../../bot-server/src/services/reports/rollups.js";
import { POSTGRES_URL } from "../helpers/databases.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const N = {
  learners: 1_000_000,
  attempts: 6_000_000,
  completions: 4_000_000,
  teams: 50_000,
  membersPerTeam: 6,
  visits: 300_000,
  ledgerLearners: 300_000,
  ledgerHouseholds: 100_000,
};
const log = (...a: unknown[]) => console.error(...a);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}

async function time(fn: () => Promise<unknown>, rounds = ROUNDS): Promise<{ p50Ms: number; p95Ms: number; maxMs: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: percentile(ms, 100) };
}

async function main(): Promise<void> {
  const name = `ksc_reports_${randomBytes(4).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(POSTGRES_URL), { pathname: `/${name}` }).toString();
  const db = connect(url);
  try {
    await migrateToLatest(db);
    const areas = loadAreas();
    const course = loadCourseOrThrow();
    const lessons = course.lessons.map((l) => l.id);
    const communes = areas.communes.map((c) => c.code);
    const kinds = [
      '["vneid"]',
      '["vneid","scam-awareness"]',
      '["dvc-account","payment"]',
      '["scam-awareness"]',
      '["online-procedure"]',
      '["ecommerce","other"]',
    ];
    const d = db.db;
    const step = async (label: string, q: ReturnType<typeof sql>) => {
      const t = Date.now();
      await q.execute(d);
      log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    const seedStart = Date.now();
    await sql`SET synchronous_commit = off`.execute(d);
    await step(
      "learners",
      sql`INSERT INTO learners (id, zalo_user_id, name, created_at, updated_at)
      SELECT 'l' || i, 'z' || i, 'Người học ' || i, now() - (i % 180) * interval '1 day', now() FROM generate_series(1, ${N.learners}::int) i`,
    );
    await step(
      "teams",
      sql`INSERT INTO teams (id, commune_code, name, ref_code, created_by, created_at)
      SELECT i, (${communes}::text[])[1 + (i % ${communes.length})], 'Tổ ' || i, 't-' || i, 'bench', now() - (30 + i % 365) * interval '1 day' FROM generate_series(1, ${N.teams}::int) i`,
    );
    await sql`SELECT setval('teams_id_seq', ${N.teams})`.execute(d);
    const members = N.teams * N.membersPerTeam;
    await step(
      "team members",
      sql`INSERT INTO team_members (team_id, learner_id, role, ref_code, joined_at)
      SELECT 1 + (i - 1) / ${N.membersPerTeam}, 'l' || i, CASE WHEN (i - 1) % ${N.membersPerTeam} = 0 THEN 'leader' ELSE 'member' END, 'm-' || i, now() - (i % 200) * interval '1 day'
      FROM generate_series(1, ${members}::int) i`,
    );
    await step(
      "credits",
      sql`INSERT INTO credits (resident_id, member_id, team_id, ref_code, consent_version, consent_text, consented_at)
      SELECT 'l' || i, NULL, 1 + (i % ${N.teams}), 't-' || (1 + (i % ${N.teams})), 'v1', 'bench', now() - (i % 180) * interval '1 day'
      FROM generate_series(${members + 1}::int, ${N.learners}::int) i`,
    );
    // Progress: each learner has 6 attempts over 6 lessons and 4 completions; about 70 % of attempts pass.
    await step(
      "quiz attempts",
      sql`INSERT INTO quiz_attempts (id, learner_id, lesson_id, correct, total, score_pct, passed, answers, answered_at, received_at)
      SELECT 'a' || i, 'l' || (1 + (i - 1) / 6), (${lessons}::text[])[1 + ((i * 7 + (i - 1) / 6) % ${lessons.length})],
        s / 20, 5, s, CASE WHEN s >= 80 THEN 1 ELSE 0 END, '[]', now() - (i % 170) * interval '1 day', now()
      FROM (SELECT i, (ARRAY[40, 60, 80, 80, 100, 100, 100, 60, 80, 100])[1 + i % 10] AS s FROM generate_series(1, ${N.attempts}::int) i) x`,
    );
    await step(
      "lesson completions",
      sql`INSERT INTO lesson_completions (id, learner_id, lesson_id, completed_at, received_at)
      SELECT 'c' || i, 'l' || (1 + (i - 1) / 4), (${lessons}::text[])[1 + (((i - 1) % 4) * 5 + (i - 1) / 4) % ${lessons.length}], now() - (i % 175) * interval '1 day', now()
      FROM generate_series(1, ${N.completions}::int) i`,
    );
    await step(
      "visits",
      sql`INSERT INTO visits (id, member_id, team_id, household, visited_on, kinds, created_at)
      SELECT 'v' || i, 'l' || (1 + ((i % ${N.teams}) * ${N.membersPerTeam})), 1 + (i % ${N.teams}), 'Hộ ' || i, to_char(now() - (i % 160) * interval '1 day', 'YYYY-MM-DD'),
        (${kinds}::text[])[1 + i % ${kinds.length}], now()
      FROM generate_series(1, ${N.visits}::int) i`,
    );
    // The ledger: residents with an account (learners from the credited ones), then household members; 2–3 outcomes each.
    const outcomeKinds = loadOutcomeKinds().map((k) => k.id);
    const people = N.ledgerLearners + N.ledgerHouseholds;
    await step(
      "ledger people",
      sql`INSERT INTO ledger_people (id, learner_id, team_id, commune_code, name, household, consent_version, consent_text, consented_at, recorded_by, created_at)
      SELECT 'lp-' || i, CASE WHEN i <= ${N.ledgerLearners} THEN 'l' || (${members} + i) END, t.id, t.commune_code,
        CASE WHEN i > ${N.ledgerLearners} THEN 'Người ' || i END, 'Hộ ' || i, 'v1', 'bench', now(), 'bench', now() - (i % 150) * interval '1 day'
      FROM generate_series(1, ${people}::int) i JOIN teams t ON t.id = 1 + (i % ${N.teams})`,
    );
    await step(
      "ledger outcomes",
      sql`INSERT INTO ledger_outcomes (person_id, outcome, commune_code, team_id, achieved_on, recorded_by, recorded_at)
      SELECT lp.id, (${outcomeKinds}::text[])[1 + ((i + k) % ${outcomeKinds.length})], lp.commune_code, lp.team_id,
        to_char(now() - ((i + k) % 150) * interval '1 day', 'YYYY-MM-DD'), 'bench', now()
      FROM generate_series(1, ${people}::int) i JOIN ledger_people lp ON lp.id = 'lp-' || i, generate_series(0, 2) k WHERE k < 2 + (i % 2)`,
    );
    await step(
      "commune population",
      sql`INSERT INTO commune_population (commune_code, adults, updated_by, updated_at) SELECT c, 8000 + length(c) * 100, 'bench', now() FROM unnest(${communes}::text[]) c`,
    );
    await step("analyze", sql`ANALYZE`);
    const seedS = Math.round((Date.now() - seedStart) / 100) / 10;
    const rollupStart = Date.now();
    const repos = repositories(d, db.dialect);
    const catalog = courseCatalog(course);
    await rebuildReportRollups(repos, catalog);
    // As autovacuum would in a running database: the rebuild rewrote every row of the rollups and the ledger's flags.
    await sql`VACUUM ANALYZE`.execute(d);
    const rollupS = Math.round((Date.now() - rollupStart) / 100) / 10;
    log(`rollups built in ${rollupS} s`);

    const deps = {
      repos,
      areas,
      clock: { now: () => new Date() },
      catalog,
      visitKinds: loadVisitKinds(),
      outcomeKinds: loadOutcomeKinds(),
      costs: { teamMonthVnd: 500_000, memberTrainedVnd: 200_000 },
    };
    const actor = { id: "bench", roles: CLI_ROLES, learnerId: "l1" };
    const byProvince = new Map<string, number>();
    for (const [i] of Array.from({ length: N.teams }, (_, k) => [k + 1])) {
      const p = areas.commune(communes[i! % communes.length]!)!.provinceCode;
      byProvince.set(p, (byProvince.get(p) ?? 0) + 1);
    }
    const province = [...byProvince].sort((a, b) => b[1] - a[1])[0]![0];
    const commune = areas.communes.find((c) => c.provinceCode === province)!.code;
    const sample = await buildReport(deps, actor, { area: province, weeks: 12 });
    log(
      `province ${province}: ${sample.totals.teams} teams, ${sample.totals.members} members, ${sample.totals.residentsCredited} residents credited, ${sample.communes.length} communes`,
    );

    const bare = await time(() => sql`SELECT 1`.execute(d));
    const provinceT = await time(() => buildReport(deps, actor, { area: province, weeks: 12 }));
    const communeT = await time(() => buildReport(deps, actor, { area: commune, weeks: 12 }));
    log({ bare, province: provinceT, commune: communeT });
    console.log(
      JSON.stringify({
        bench: "reports",
        seeded: { learners: N.learners, progressRows: N.attempts + N.completions, teams: N.teams, members, credits: N.learners - members, visits: N.visits },
        seedS,
        rollupBuildS: rollupS,
        rounds: ROUNDS,
        bare,
        province: { code: province, teams: sample.totals.teams, residentsCredited: sample.totals.residentsCredited, ...provinceT },
        commune: { code: commune, ...communeT },
        aimP95Ms: 200,
        met: provinceT.p95Ms <= 200 && communeT.p95Ms <= 200,
      }),
    );
  } finally {
    await db.close();
    // BENCH_KEEP_DB=1 keeps the seeded database to look at query plans (its name is logged); dropped otherwise.
    if (process.env.BENCH_KEEP_DB) log(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
