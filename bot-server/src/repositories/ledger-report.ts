import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { ReportScope } from "./report-rollups.js";

const num = (x: unknown) => Number(x ?? 0);
/** The ledger rows of a scope: a team's residents, or those of the communes. */
const inScope = (s: ReportScope) =>
  "teamId" in s ? sql`lp.team_id = ${s.teamId}` : sql`lp.commune_code IN (${sql.join(s.communes.length ? s.communes : [""])})`;
/** A credit to a team of the same scope. */
const creditInScope = (s: ReportScope) =>
  "teamId" in s ? sql`c.team_id = ${s.teamId}` : sql`t.commune_code IN (${sql.join(s.communes.length ? s.communes : [""])})`;

/** The household ledger's figures for the reports: one grouped query each, over rows not merged away. */
export function ledgerReportRepository(db: Kysely<Database>) {
  return {
    /** Per commune and outcome, the residents who have it. */
    async outcomes(scope: ReportScope) {
      const r = await sql<Record<string, unknown>>`SELECT lp.commune_code, lo.outcome, count(*) AS n
        FROM ledger_outcomes lo JOIN ledger_people lp ON lp.id = lo.person_id
        WHERE lp.merged_into IS NULL AND ${inScope(scope)} GROUP BY lp.commune_code, lo.outcome`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), outcome: String(x.outcome), n: num(x.n) }));
    },
    /** Per commune, the residents with at least one outcome. */
    async people(scope: ReportScope) {
      const r = await sql<Record<string, unknown>>`SELECT lp.commune_code, count(*) AS n FROM ledger_people lp
        WHERE lp.merged_into IS NULL AND ${inScope(scope)} AND EXISTS (SELECT 1 FROM ledger_outcomes lo WHERE lo.person_id = lp.id)
        GROUP BY lp.commune_code`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), n: num(x.n) }));
    },
    /** Per day from `fromDay` and outcome, the residents who reached it that day. */
    async days(scope: ReportScope, fromDay: string) {
      const r = await sql<Record<string, unknown>>`SELECT lo.achieved_on, lo.outcome, count(*) AS n
        FROM ledger_outcomes lo JOIN ledger_people lp ON lp.id = lo.person_id
        WHERE lp.merged_into IS NULL AND ${inScope(scope)} AND lo.achieved_on >= ${fromDay} GROUP BY lo.achieved_on, lo.outcome`.execute(db);
      return r.rows.map((x) => ({ day: String(x.achieved_on), outcome: String(x.outcome), n: num(x.n) }));
    },
    /**
     * Per commune, the residents with an outcome that makes a new digital user who are not counted already as a
     * resident credited to a team of the scope who learns (one person is one new digital user, however reached).
     */
    async newDigitalNotLearning(scope: ReportScope, digitalKinds: string[]) {
      if (!digitalKinds.length) return [];
      const r = await sql<Record<string, unknown>>`SELECT lp.commune_code, count(*) AS n FROM ledger_people lp
        WHERE lp.merged_into IS NULL AND ${inScope(scope)}
          AND EXISTS (SELECT 1 FROM ledger_outcomes lo WHERE lo.person_id = lp.id AND lo.outcome IN (${sql.join(digitalKinds)}))
          AND NOT (lp.learner_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM credits c JOIN teams t ON t.id = c.team_id
            WHERE c.resident_id = lp.learner_id AND ${creditInScope(scope)}
              AND EXISTS (SELECT 1 FROM lesson_completions lc WHERE lc.learner_id = c.resident_id)))
        GROUP BY lp.commune_code`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), n: num(x.n) }));
    },
    adults: (communes: string[]) =>
      communes.length
        ? db.selectFrom("commune_population").select(["commune_code", "adults"]).where("commune_code", "in", communes).execute()
        : Promise.resolve([]),
  };
}
