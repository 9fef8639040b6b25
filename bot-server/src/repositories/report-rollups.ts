import { sql, type Insertable, type Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, LessonCompletionsTable, QuizAttemptsTable } from "../db/schema.js";

/** One rollup row's increments: which table, which team (and commune), which week/lesson/kind, by how much. */
export interface RollupDelta {
  table: "totals" | "weeks" | "quiz" | "kinds";
  teamId: number;
  communeCode: string;
  /** week_start, lesson_id or kind; "" for totals. */
  key: string;
  add: Record<string, number>;
}

/** What decides a person's share of the rollups: their credit, their memberships, their learning. */
export interface LearnerFacts {
  credit: { team_id: number; commune_code: string; consented_at: string } | null;
  memberships: { team_id: number; commune_code: string; joined_at: string; active: boolean }[];
  completions: { lesson_id: string; completed_at: string }[];
  attempts: { lesson_id: string; passed: number }[];
}

/** Per-team tables; `commune` names the per-commune twin that every increment also goes to. */
const TABLES = {
  totals: { name: "report_team_totals", keyCol: null, fields: ["members", "trained", "credited", "learning", "lessons", "visits"], commune: null },
  weeks: { name: "report_team_weeks", keyCol: "week_start", fields: ["credited", "lessons", "visits", "joined"], commune: "report_commune_weeks" },
  quiz: { name: "report_team_quiz", keyCol: "lesson_id", fields: ["attempted", "passed"], commune: "report_commune_quiz" },
  kinds: { name: "report_team_kinds", keyCol: "kind", fields: ["visits"], commune: "report_commune_kinds" },
} as const;

type AttachmentRow = { kind: string; team_id: number; commune_code: string; at: string; removed_at: string | null };

/** The person's credit and memberships (with `withEventId`, shaped to follow the stored events in a UNION). */
function attachmentsSql(learnerId: string, withEventId = false) {
  const id = withEventId ? sql`NULL, ` : sql``;
  return sql`SELECT 'c' AS kind, ${id}c.team_id, t.commune_code, c.consented_at AS at, NULL AS removed_at FROM credits c JOIN teams t ON t.id = c.team_id WHERE c.resident_id = ${learnerId}
    UNION ALL
    SELECT 'm' AS kind, ${id}m.team_id, t.commune_code, m.joined_at AS at, m.removed_at FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.learner_id = ${learnerId}`;
}

function attachmentsOf(rows: AttachmentRow[]): Pick<LearnerFacts, "credit" | "memberships"> {
  const c = rows.find((r) => r.kind === "c");
  return {
    credit: c ? { team_id: Number(c.team_id), commune_code: c.commune_code, consented_at: c.at } : null,
    memberships: rows
      .filter((r) => r.kind === "m")
      .map((m) => ({ team_id: Number(m.team_id), commune_code: m.commune_code, joined_at: m.at, active: m.removed_at === null })),
  };
}

/** `(col, …) VALUES (…), (…)` for rows that all have the same columns. */
function valuesOf(rows: Record<string, unknown>[]) {
  const cols = Object.keys(rows[0]!);
  return sql`(${sql.join(cols.map((c) => sql.ref(c)))}) VALUES ${sql.join(rows.map((r) => sql`(${sql.join(cols.map((c) => sql`${r[c]}`))})`))}`;
}

/** A sync's new events, per table: the kind they are returned under and the CTE that inserts them. */
function learningParts(attempts: Insertable<QuizAttemptsTable>[], completions: Insertable<LessonCompletionsTable>[]) {
  return [
    { kind: "a", cte: "new_attempts", table: "quiz_attempts", rows: attempts as Record<string, unknown>[] },
    { kind: "e", cte: "new_completions", table: "lesson_completions", rows: completions as Record<string, unknown>[] },
  ].filter((p) => p.rows.length);
}

/** For `x IN (…)`: an empty list matches nothing (a NUL placeholder would be refused by PostgreSQL). */
const list = (xs: string[]) => (xs.length ? sql.join(xs.map((x) => sql`${x}`)) : sql`NULL`);
const num = (v: unknown) => Number(v ?? 0);

/** The report rollup tables (migration 008): reading a person's facts, adding increments, rebuilding from scratch. */
export function reportRollupRepository(db: Kysely<Database>, dialect: Dialect) {
  /** Monday of the week (Vietnam time) of a timestamp column / of a date column, as YYYY-MM-DD. */
  const weekOfTs = (col: string) =>
    dialect === "postgres"
      ? sql<string>`to_char(date_trunc('week', ${sql.ref(col)} AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD')`
      : sql<string>`date(${sql.ref(col)}, '+7 hours', 'weekday 0', '-6 days')`;
  const weekOfDate = (col: string) =>
    dialect === "postgres"
      ? sql<string>`to_char(date_trunc('week', ${sql.ref(col)}::date), 'YYYY-MM-DD')`
      : sql<string>`date(${sql.ref(col)}, 'weekday 0', '-6 days')`;

  return {
    /**
     * PostgreSQL, for a write that changes who a person is attached to (joining, crediting, leaving, erasure):
     * waits for every progress sync in flight and holds new ones at their INSERT until commit, so a sync either
     * committed before this write read the person's learning, or reads the attachment this write made. Joins are
     * rare and syncs frequent: the syncs take no lock of their own (see storeLearningWithRollups). The mode conflicts
     * with itself, so these writes also run one at a time.
     */
    async lockAttachments(): Promise<void> {
      if (dialect === "postgres") await sql`LOCK TABLE quiz_attempts, lesson_completions IN SHARE ROW EXCLUSIVE MODE`.execute(db);
    },

    /** PostgreSQL: two syncs of one attached person add their shares in turn (held until commit). */
    async lockLearning(learnerId: string): Promise<void> {
      if (dialect === "postgres") await sql`SELECT pg_advisory_xact_lock(hashtextextended(${learnerId}, 0))`.execute(db);
    },

    /** The person's credit and memberships: one query (a sync pays for it on every call, on PostgreSQL a round trip). */
    async attachments(learnerId: string): Promise<Pick<LearnerFacts, "credit" | "memberships">> {
      return attachmentsOf((await sql<AttachmentRow>`${attachmentsSql(learnerId)}`.execute(db)).rows);
    },

    /**
     * A sync's new events stored (ids already there are skipped), and the person's attachments read after them.
     * On PostgreSQL this is one statement: its INSERTs take their table lock before the statement's snapshot is
     * taken, so a join holding lockAttachments is waited for and then seen (tests/integration/report-rollups).
     * SQLite has no INSERT inside WITH; its writes run one at a time anyway.
     */
    async storeLearning(
      learnerId: string,
      attempts: Insertable<QuizAttemptsTable>[],
      completions: Insertable<LessonCompletionsTable>[],
    ): Promise<{ attempts: string[]; completions: string[]; attachments: Pick<LearnerFacts, "credit" | "memberships"> }> {
      const none = { credit: null, memberships: [] };
      const parts = learningParts(attempts, completions);
      const insert = (p: (typeof parts)[number]) => sql`INSERT INTO ${sql.table(p.table)} ${valuesOf(p.rows)} ON CONFLICT DO NOTHING RETURNING id`;
      if (dialect === "sqlite") {
        const ids = new Map<string, string[]>();
        for (const p of parts)
          ids.set(
            p.kind,
            (await sql<{ id: string }>`${insert(p)}`.execute(db)).rows.map((r) => r.id),
          );
        const stored = { attempts: ids.get("a") ?? [], completions: ids.get("e") ?? [] };
        return { ...stored, attachments: stored.attempts.length + stored.completions.length ? await this.attachments(learnerId) : none };
      }
      if (!parts.length) return { attempts: [], completions: [], attachments: none };
      const ctes = parts.map((p) => sql`${sql.ref(p.cte)} AS (${insert(p)})`);
      const events = parts.map(
        (p) =>
          sql`SELECT ${sql.lit(p.kind)} AS kind, id AS event_id, NULL::bigint AS team_id, NULL::text AS commune_code, NULL::timestamptz AS at, NULL::timestamptz AS removed_at FROM ${sql.ref(p.cte)}`,
      );
      const rows = (
        await sql<
          AttachmentRow & { event_id: string | null }
        >`WITH ${sql.join(ctes)} ${sql.join(events, sql` UNION ALL `)} UNION ALL ${attachmentsSql(learnerId, true)}`.execute(db)
      ).rows;
      return {
        attempts: rows.filter((r) => r.kind === "a").map((r) => r.event_id!),
        completions: rows.filter((r) => r.kind === "e").map((r) => r.event_id!),
        attachments: attachmentsOf(rows),
      };
    },

    /**
     * The common sync in one statement and no transaction: new events of a learner attached to no team (most
     * residents). They are stored only if the person has no credit and no membership, and not at all if any id or
     * lesson is already stored (the statement fails whole). null: nothing was stored, and the sync takes the full
     * path (storeLearning in a transaction). Exact for the same reason as storeLearning: on PostgreSQL the INSERT's
     * table lock comes before the snapshot, so a join in flight is waited for and then seen, and a join after this
     * statement reads its events; SQLite runs one write at a time. SQLite has no INSERT inside WITH, so there a
     * batch of both kinds of event takes the full path.
     */
    async storeLearningIfAlone(
      learnerId: string,
      attempts: Insertable<QuizAttemptsTable>[],
      completions: Insertable<LessonCompletionsTable>[],
    ): Promise<{ attempts: string[]; completions: string[] } | null> {
      const parts = learningParts(attempts, completions);
      if (!parts.length || (dialect === "sqlite" && parts.length > 1)) return null;
      const alone = sql`NOT EXISTS (SELECT 1 FROM credits WHERE resident_id = ${learnerId}) AND NOT EXISTS (SELECT 1 FROM team_members WHERE learner_id = ${learnerId})`;
      // The rows go in as one JSON array (a VALUES list under SELECT would have no column types on PostgreSQL).
      const insert = (p: (typeof parts)[number]) => {
        const names = Object.keys(p.rows[0]!);
        const cols = sql.join(names.map((c) => sql.ref(c)));
        const json = JSON.stringify(p.rows);
        const rows =
          dialect === "postgres"
            ? sql`SELECT ${cols} FROM jsonb_populate_recordset(NULL::${sql.table(p.table)}, ${json}::jsonb)`
            : sql`SELECT ${sql.join(names.map((c) => sql`json_extract(value, ${`$.${c}`})`))} FROM json_each(${json})`;
        return sql`INSERT INTO ${sql.table(p.table)} (${cols}) ${rows} WHERE ${alone} RETURNING id`;
      };
      const ctes = parts.map((p) => sql`${sql.ref(p.cte)} AS (${insert(p)})`);
      const statement =
        dialect === "postgres"
          ? sql<{ kind: string; id: string }>`WITH ${sql.join(ctes)} ${sql.join(
              parts.map((p) => sql`SELECT ${sql.lit(p.kind)} AS kind, id FROM ${sql.ref(p.cte)}`),
              sql` UNION ALL `,
            )}`
          : sql<{ id: string }>`${insert(parts[0]!)}`;
      try {
        const rows = (await statement.execute(db)).rows as { kind?: string; id: string }[];
        if (rows.length !== attempts.length + completions.length) return null;
        const of = (kind: string) => rows.filter((r) => (r.kind ?? parts[0]!.kind) === kind).map((r) => r.id);
        return { attempts: of("a"), completions: of("e") };
      } catch (e) {
        // A replay or a second reading of a lesson: the full path tells duplicates from conflicts.
        const code = (e as { code?: string }).code;
        if (code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") return null;
        throw e;
      }
    },

    /** The person's lessons completed and, per lesson attempted, whether any attempt passed (leaving out some events). */
    async learning(learnerId: string, excluding: string[] = []): Promise<Pick<LearnerFacts, "completions" | "attempts">> {
      const others = excluding.length ? sql`AND id NOT IN (${list(excluding)})` : sql``;
      const [completions, attempts] = await Promise.all([
        sql<{
          lesson_id: string;
          completed_at: string;
        }>`SELECT lesson_id, completed_at FROM lesson_completions WHERE learner_id = ${learnerId} ${others}`.execute(db),
        sql<{
          lesson_id: string;
          passed: number;
        }>`SELECT lesson_id, max(passed) AS passed FROM quiz_attempts WHERE learner_id = ${learnerId} ${others} GROUP BY lesson_id`.execute(db),
      ]);
      return { completions: completions.rows, attempts: attempts.rows.map((a) => ({ lesson_id: a.lesson_id, passed: num(a.passed) })) };
    },

    /** Adds increments (upserts: a missing row starts at zero). */
    async apply(deltas: RollupDelta[]): Promise<void> {
      // Rows are touched in one global order — every team row (by table, team, key) before every commune row (by
      // table, commune, key) — so that two transactions adding to the same rows wait for each other, never deadlock.
      const order = ["totals", "weeks", "quiz", "kinds"];
      const live = deltas
        .map((d) => ({ d, t: TABLES[d.table], values: TABLES[d.table].fields.map((f) => d.add[f] ?? 0) }))
        .filter((x) => x.values.some((v) => v !== 0));
      const byTeam = [...live].sort(
        (x, y) => order.indexOf(x.d.table) - order.indexOf(y.d.table) || x.d.teamId - y.d.teamId || (x.d.key < y.d.key ? -1 : x.d.key > y.d.key ? 1 : 0),
      );
      for (const { d, t, values } of byTeam) {
        const cols = [sql.ref("team_id"), ...(t.keyCol ? [sql.ref(t.keyCol)] : []), sql.ref("commune_code"), ...t.fields.map((f) => sql.ref(f))];
        const vals = [sql`${d.teamId}`, ...(t.keyCol ? [sql`${d.key}`] : []), sql`${d.communeCode}`, ...values.map((v) => sql`${v}`)];
        const conflict = t.keyCol ? sql`(team_id, ${sql.ref(t.keyCol)})` : sql`(team_id)`;
        const sets = sql.join(t.fields.map((f) => sql`${sql.ref(f)} = ${sql.table(t.name)}.${sql.ref(f)} + excluded.${sql.ref(f)}`));
        await sql`INSERT INTO ${sql.table(t.name)} (${sql.join(cols)}) VALUES (${sql.join(vals)}) ON CONFLICT ${conflict} DO UPDATE SET ${sets}`.execute(db);
      }
      // The commune twins: increments of several teams of one commune to the same row are added up first.
      const twins = new Map<string, { table: string; keyCol: string; fields: readonly string[]; commune: string; key: string; values: number[] }>();
      for (const { d, t, values } of live) {
        if (!t.commune || !t.keyCol) continue;
        const id = `${order.indexOf(d.table)}|${d.communeCode}|${d.key}`;
        const row =
          twins.get(id) ??
          twins.set(id, { table: t.commune, keyCol: t.keyCol, fields: t.fields, commune: d.communeCode, key: d.key, values: values.map(() => 0) }).get(id)!;
        values.forEach((v, i) => (row.values[i]! += v));
      }
      for (const id of [...twins.keys()].sort()) {
        const r = twins.get(id)!;
        if (r.values.every((v) => v === 0)) continue;
        const sets = sql.join(r.fields.map((f) => sql`${sql.ref(f)} = ${sql.table(r.table)}.${sql.ref(f)} + excluded.${sql.ref(f)}`));
        await sql`INSERT INTO ${sql.table(r.table)} (commune_code, ${sql.ref(r.keyCol)}, ${sql.join(r.fields.map((f) => sql.ref(f)))})
          VALUES (${r.commune}, ${r.key}, ${sql.join(r.values.map((v) => sql`${v}`))})
          ON CONFLICT (commune_code, ${sql.ref(r.keyCol)}) DO UPDATE SET ${sets}`.execute(db);
      }
    },

    /** Every rollup row with a count other than zero, in a fixed order (for comparing with a rebuild). */
    async snapshot(): Promise<Record<string, unknown[]>> {
      const out: Record<string, unknown[]> = {};
      for (const [k, t] of Object.entries(TABLES)) {
        for (const [name, table] of [[k, t.name], ...(t.commune ? [[`commune_${k}`, t.commune]] : [])] as [string, string][]) {
          const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(db);
          out[name] = r.rows
            .map((row) => Object.fromEntries(Object.entries(row).map(([c, v]) => [c, c === "commune_code" || c === t.keyCol ? v : num(v)])))
            .filter((row) => t.fields.some((f) => row[f] !== 0));
        }
      }
      return out;
    },

    /** Empties the rollups and counts everything again from the base tables. */
    async rebuild(coreLessons: string[]): Promise<void> {
      for (const t of Object.values(TABLES)) {
        await sql`DELETE FROM ${sql.table(t.name)}`.execute(db);
        if (t.commune) await sql`DELETE FROM ${sql.table(t.commune)}`.execute(db);
      }
      const need = coreLessons.length || 1_000_000;
      await sql`INSERT INTO report_team_totals (team_id, commune_code, members, trained, credited, learning, lessons, visits)
        SELECT t.id, t.commune_code,
          coalesce(m.members, 0), coalesce(m.trained, 0), coalesce(c.credited, 0), coalesce(c.learning, 0), coalesce(c.lessons, 0), coalesce(v.visits, 0)
        FROM teams t
        LEFT JOIN (
          SELECT x.team_id, count(*) AS members, sum(CASE WHEN x.passed >= ${need} THEN 1 ELSE 0 END) AS trained FROM (
            SELECT m.team_id, (SELECT count(DISTINCT a.lesson_id) FROM quiz_attempts a WHERE a.learner_id = m.learner_id AND a.passed = 1 AND a.lesson_id IN (${list(coreLessons)})) AS passed
            FROM team_members m WHERE m.removed_at IS NULL) x GROUP BY x.team_id
        ) m ON m.team_id = t.id
        LEFT JOIN (
          SELECT y.team_id, count(*) AS credited, sum(CASE WHEN y.n > 0 THEN 1 ELSE 0 END) AS learning, sum(y.n) AS lessons FROM (
            SELECT c.team_id, coalesce(l.n, 0) AS n FROM credits c
            LEFT JOIN (SELECT learner_id, count(*) AS n FROM lesson_completions GROUP BY learner_id) l ON l.learner_id = c.resident_id) y GROUP BY y.team_id
        ) c ON c.team_id = t.id
        LEFT JOIN (SELECT team_id, count(*) AS visits FROM visits GROUP BY team_id) v ON v.team_id = t.id`.execute(db);
      await sql`INSERT INTO report_team_weeks (team_id, week_start, commune_code, credited, lessons, visits, joined)
        SELECT z.team_id, z.week_start, t.commune_code, sum(z.credited), sum(z.lessons), sum(z.visits), sum(z.joined) FROM (
          SELECT c.team_id, ${weekOfTs("c.consented_at")} AS week_start, 1 AS credited, 0 AS lessons, 0 AS visits, 0 AS joined FROM credits c
          UNION ALL
          SELECT c.team_id, ${weekOfTs("lc.completed_at")}, 0, 1, 0, 0 FROM credits c JOIN lesson_completions lc ON lc.learner_id = c.resident_id
          UNION ALL
          SELECT v.team_id, ${weekOfDate("v.visited_on")}, 0, 0, 1, 0 FROM visits v
          UNION ALL
          SELECT m.team_id, ${weekOfTs("m.joined_at")}, 0, 0, 0, 1 FROM team_members m
        ) z JOIN teams t ON t.id = z.team_id GROUP BY z.team_id, z.week_start, t.commune_code`.execute(db);
      await sql`INSERT INTO report_team_quiz (team_id, lesson_id, commune_code, attempted, passed)
        SELECT c.team_id, a.lesson_id, t.commune_code, count(*), sum(a.passed) FROM credits c JOIN teams t ON t.id = c.team_id
        JOIN (SELECT learner_id, lesson_id, max(passed) AS passed FROM quiz_attempts GROUP BY learner_id, lesson_id) a ON a.learner_id = c.resident_id
        GROUP BY c.team_id, a.lesson_id, t.commune_code`.execute(db);
      const kind = dialect === "postgres" ? sql`jsonb_array_elements_text(v.kinds::jsonb) AS k(value)` : sql`json_each(v.kinds) AS k`;
      await sql`INSERT INTO report_team_kinds (team_id, kind, commune_code, visits)
        SELECT v.team_id, k.value, t.commune_code, count(*) FROM visits v JOIN teams t ON t.id = v.team_id, ${kind}
        GROUP BY v.team_id, k.value, t.commune_code`.execute(db);
      for (const t of Object.values(TABLES)) {
        if (!t.commune || !t.keyCol) continue;
        const fields = sql.join(t.fields.map((f) => sql.ref(f)));
        const sums = sql.join(t.fields.map((f) => sql`sum(${sql.ref(f)})`));
        await sql`INSERT INTO ${sql.table(t.commune)} (commune_code, ${sql.ref(t.keyCol)}, ${fields})
          SELECT commune_code, ${sql.ref(t.keyCol)}, ${sums} FROM ${sql.table(t.name)} GROUP BY commune_code, ${sql.ref(t.keyCol)}`.execute(db);
      }
    },

    // ---- reads for the reports (a province: the rows of its communes) ----
    async teams(scope: { communes: string[] } | { teamId: number }): Promise<{ id: number; commune_code: string; created_at: string }[]> {
      const where = "teamId" in scope ? sql`id = ${scope.teamId}` : sql`commune_code IN (${list(scope.communes)})`;
      const r = await sql<{ id: number; commune_code: string; created_at: string }>`SELECT id, commune_code, created_at FROM teams WHERE ${where}`.execute(db);
      return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
    },
    async totals(scope: { communes: string[] } | { teamId: number }) {
      const r = await sql<
        Record<string, number | string>
      >`SELECT commune_code, sum(members) AS members, sum(trained) AS trained, sum(credited) AS credited, sum(learning) AS learning, sum(lessons) AS lessons, sum(visits) AS visits
        FROM report_team_totals WHERE ${filter(scope)} GROUP BY commune_code`.execute(db);
      return r.rows.map((x) => ({
        commune_code: String(x.commune_code),
        members: num(x.members),
        trained: num(x.trained),
        credited: num(x.credited),
        learning: num(x.learning),
        lessons: num(x.lessons),
        visits: num(x.visits),
      }));
    },
    async weeks(scope: { communes: string[] } | { teamId: number }, fromWeek: string) {
      const r = await sql<
        Record<string, number | string>
      >`SELECT week_start, sum(credited) AS credited, sum(lessons) AS lessons, sum(visits) AS visits, sum(joined) AS joined
        FROM ${sql.table("teamId" in scope ? "report_team_weeks" : "report_commune_weeks")} WHERE ${filter(scope)} AND week_start >= ${fromWeek} GROUP BY week_start`.execute(
        db,
      );
      return r.rows.map((x) => ({
        week_start: String(x.week_start),
        credited: num(x.credited),
        lessons: num(x.lessons),
        visits: num(x.visits),
        joined: num(x.joined),
      }));
    },
    async quiz(scope: { communes: string[] } | { teamId: number }) {
      const r = await sql<
        Record<string, number | string>
      >`SELECT lesson_id, sum(attempted) AS attempted, sum(passed) AS passed FROM ${sql.table("teamId" in scope ? "report_team_quiz" : "report_commune_quiz")} WHERE ${filter(scope)} GROUP BY lesson_id`.execute(
        db,
      );
      return r.rows.map((x) => ({ lesson_id: String(x.lesson_id), attempted: num(x.attempted), passed: num(x.passed) }));
    },
    async kinds(scope: { communes: string[] } | { teamId: number }) {
      const r = await sql<
        Record<string, number | string>
      >`SELECT commune_code, kind, sum(visits) AS visits FROM ${sql.table("teamId" in scope ? "report_team_kinds" : "report_commune_kinds")} WHERE ${filter(scope)} GROUP BY commune_code, kind`.execute(
        db,
      );
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), kind: String(x.kind), visits: num(x.visits) }));
    },
  };
}

export type ReportScope = { communes: string[] } | { teamId: number };
const filter = (s: ReportScope) => ("teamId" in s ? sql`team_id = ${s.teamId}` : sql`commune_code IN (${list(s.communes)})`);

export type ReportRollupRepository = ReturnType<typeof reportRollupRepository>;
