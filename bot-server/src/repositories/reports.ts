import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database } from "../db/schema.js";

/** Which teams a report covers: those of some communes, or one team. */
export type ReportScope = { communes: string[] } | { teamId: number };

const NONE = "\u0000";
const list = (xs: (string | number)[]) => sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`${NONE}`]);
const teamFilter = (s: ReportScope): RawBuilder<unknown> => ("teamId" in s ? sql`t.id = ${s.teamId}` : sql`t.commune_code IN (${list(s.communes)})`);
const n = (v: unknown) => Number(v ?? 0);

/**
 * The report queries, straight from the base tables: one grouped query per figure, each over the teams in scope
 * (teams_commune index) and from there by index to members, credits, progress and visits.
 */
export function reportRepository(db: Kysely<Database>, dialect: Dialect) {
  /** A timestamp's date in Vietnam (UTC+7), YYYY-MM-DD. */
  const vnDay = (col: string) =>
    dialect === "postgres" ? sql<string>`to_char(${sql.ref(col)} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')` : sql<string>`date(${sql.ref(col)}, '+7 hours')`;

  return {
    async teams(s: ReportScope): Promise<{ id: number; commune_code: string; created_at: string }[]> {
      const r = await sql<{ id: number; commune_code: string; created_at: string }>`SELECT t.id, t.commune_code, t.created_at FROM teams t WHERE ${teamFilter(s)}`.execute(db);
      return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
    },

    /** Active members per commune, and how many of them passed every core lesson. */
    async members(s: ReportScope, coreLessons: string[]): Promise<{ commune_code: string; members: number; trained: number }[]> {
      const need = coreLessons.length || 1_000_000;
      const r = await sql<{ commune_code: string; members: number; trained: number }>`
        SELECT x.commune_code, count(*) AS members, sum(CASE WHEN x.passed >= ${need} THEN 1 ELSE 0 END) AS trained FROM (
          SELECT t.commune_code,
            (SELECT count(DISTINCT a.lesson_id) FROM quiz_attempts a WHERE a.learner_id = m.learner_id AND a.passed = 1 AND a.lesson_id IN (${list(coreLessons)})) AS passed
          FROM team_members m JOIN teams t ON t.id = m.team_id
          WHERE m.removed_at IS NULL AND ${teamFilter(s)}
        ) x GROUP BY x.commune_code`.execute(db);
      return r.rows.map((x) => ({ commune_code: x.commune_code, members: n(x.members), trained: n(x.trained) }));
    },

    /** Residents credited per commune, how many completed at least one lesson, and their lessons completed. */
    async credits(s: ReportScope): Promise<{ commune_code: string; credited: number; learning: number; lessons: number }[]> {
      const r = await sql<{ commune_code: string; credited: number; learning: number; lessons: number }>`
        SELECT x.commune_code, count(*) AS credited, sum(CASE WHEN x.lessons > 0 THEN 1 ELSE 0 END) AS learning, sum(x.lessons) AS lessons FROM (
          SELECT t.commune_code, (SELECT count(*) FROM lesson_completions lc WHERE lc.learner_id = c.resident_id) AS lessons
          FROM credits c JOIN teams t ON t.id = c.team_id
          WHERE ${teamFilter(s)}
        ) x GROUP BY x.commune_code`.execute(db);
      return r.rows.map((x) => ({ commune_code: x.commune_code, credited: n(x.credited), learning: n(x.learning), lessons: n(x.lessons) }));
    },

    /** Per lesson, the credited residents who attempted its quiz and those who passed it (best score ≥ 80 %). */
    async quizByLesson(s: ReportScope): Promise<{ lesson_id: string; attempted: number; passed: number }[]> {
      const r = await sql<{ lesson_id: string; attempted: number; passed: number }>`
        SELECT y.lesson_id, count(*) AS attempted, sum(y.passed) AS passed FROM (
          SELECT a.learner_id, a.lesson_id, max(a.passed) AS passed
          FROM credits c JOIN teams t ON t.id = c.team_id JOIN quiz_attempts a ON a.learner_id = c.resident_id
          WHERE ${teamFilter(s)}
          GROUP BY a.learner_id, a.lesson_id
        ) y GROUP BY y.lesson_id`.execute(db);
      return r.rows.map((x) => ({ lesson_id: x.lesson_id, attempted: n(x.attempted), passed: n(x.passed) }));
    },

    /** Visits per commune and combination of kinds (a JSON list; few distinct combinations). */
    async visits(s: ReportScope): Promise<{ commune_code: string; kinds: string; visits: number }[]> {
      const r = await sql<{ commune_code: string; kinds: string; visits: number }>`
        SELECT t.commune_code, v.kinds, count(*) AS visits FROM visits v JOIN teams t ON t.id = v.team_id
        WHERE ${teamFilter(s)} GROUP BY t.commune_code, v.kinds`.execute(db);
      return r.rows.map((x) => ({ ...x, visits: n(x.visits) }));
    },

    /** Day by day (Vietnam dates) from `fromDay` on: credits, lessons completed by the credited, visits, members joined. */
    async daily(s: ReportScope, fromDay: string, fromInstant: string): Promise<{ day: string; what: "credit" | "lesson" | "visit" | "join"; n: number }[]> {
      const credit = vnDay("c.consented_at");
      const lesson = vnDay("lc.completed_at");
      const join = vnDay("m.joined_at");
      const r = await sql<{ day: string; what: "credit" | "lesson" | "visit" | "join"; n: number }>`
        SELECT ${credit} AS day, 'credit' AS what, count(*) AS n FROM credits c JOIN teams t ON t.id = c.team_id
          WHERE ${teamFilter(s)} AND c.consented_at >= ${fromInstant} GROUP BY ${credit}
        UNION ALL
        SELECT ${lesson} AS day, 'lesson' AS what, count(*) AS n FROM credits c JOIN teams t ON t.id = c.team_id JOIN lesson_completions lc ON lc.learner_id = c.resident_id
          WHERE ${teamFilter(s)} AND lc.completed_at >= ${fromInstant} GROUP BY ${lesson}
        UNION ALL
        SELECT v.visited_on AS day, 'visit' AS what, count(*) AS n FROM visits v JOIN teams t ON t.id = v.team_id
          WHERE ${teamFilter(s)} AND v.visited_on >= ${fromDay} GROUP BY v.visited_on
        UNION ALL
        SELECT ${join} AS day, 'join' AS what, count(*) AS n FROM team_members m JOIN teams t ON t.id = m.team_id
          WHERE ${teamFilter(s)} AND m.joined_at >= ${fromInstant} GROUP BY ${join}`.execute(db);
      return r.rows.map((x) => ({ day: String(x.day), what: x.what, n: n(x.n) }));
    },
  };
}

export type ReportRepository = ReturnType<typeof reportRepository>;
