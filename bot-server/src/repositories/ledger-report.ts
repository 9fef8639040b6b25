import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { ReportScope } from "./report-rollups.js";

const num = (x: unknown) => Number(x ?? 0);
const codes = (xs: string[]) => sql.join(xs.length ? xs : [""]);
/** Outcome rows of a scope, read from their own index (commune or team copied onto each row). */
const inScope = (s: ReportScope) => ("teamId" in s ? sql`lo.team_id = ${s.teamId}` : sql`lo.commune_code IN (${codes(s.communes)})`);
/** Counted already among a team's residents learning, of a team in the same scope. */
const learningInScope = (s: ReportScope) => ("teamId" in s ? sql`lo.learning_team_id = ${s.teamId}` : sql`lo.learning_commune IN (${codes(s.communes)})`);

/**
 * The household ledger's figures for the reports: one grouped query each over ledger_outcomes, whose rows carry
 * the person's commune and team (a merged-away person keeps no outcome rows, so nothing is counted twice).
 */
export function ledgerReportRepository(db: Kysely<Database>) {
  return {
    /** Per commune and outcome, the residents who have it. */
    async outcomes(scope: ReportScope) {
      const r = await sql<Record<string, unknown>>`SELECT lo.commune_code, lo.outcome, count(*) AS n FROM ledger_outcomes lo
        WHERE ${inScope(scope)} GROUP BY lo.commune_code, lo.outcome`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), outcome: String(x.outcome), n: num(x.n) }));
    },
    /** Per commune, the residents with at least one outcome. */
    async people(scope: ReportScope) {
      const r = await sql<Record<string, unknown>>`SELECT lo.commune_code, count(DISTINCT lo.person_id) AS n FROM ledger_outcomes lo
        WHERE ${inScope(scope)} GROUP BY lo.commune_code`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), n: num(x.n) }));
    },
    /** Per day from `fromDay` and outcome, the residents who reached it that day. */
    async days(scope: ReportScope, fromDay: string) {
      const r = await sql<Record<string, unknown>>`SELECT lo.achieved_on, lo.outcome, count(*) AS n FROM ledger_outcomes lo
        WHERE ${inScope(scope)} AND lo.achieved_on >= ${fromDay} GROUP BY lo.achieved_on, lo.outcome`.execute(db);
      return r.rows.map((x) => ({ day: String(x.achieved_on), outcome: String(x.outcome), n: num(x.n) }));
    },
    /**
     * Per commune, the residents with an outcome that makes a new digital user (`digital`), and of them those who
     * are counted already as residents credited to a team of the scope who learn (`learning`): one person is one
     * new digital user, however reached.
     */
    async digital(scope: ReportScope, digitalKinds: string[]) {
      if (!digitalKinds.length) return [];
      const kinds = sql.join(digitalKinds);
      const all = await sql<Record<string, unknown>>`SELECT lo.commune_code, count(DISTINCT lo.person_id) AS n FROM ledger_outcomes lo
        WHERE ${inScope(scope)} AND lo.outcome IN (${kinds}) GROUP BY lo.commune_code`.execute(db);
      const learning = await sql<Record<string, unknown>>`SELECT lo.commune_code, count(DISTINCT lo.person_id) AS n FROM ledger_outcomes lo
        WHERE ${inScope(scope)} AND lo.outcome IN (${kinds}) AND ${learningInScope(scope)} GROUP BY lo.commune_code`.execute(db);
      const seen = new Map(learning.rows.map((x) => [String(x.commune_code), num(x.n)]));
      return all.rows.map((x) => ({ commune_code: String(x.commune_code), n: num(x.n) - (seen.get(String(x.commune_code)) ?? 0) }));
    },
    adults: (communes: string[]) =>
      communes.length
        ? db.selectFrom("commune_population").select(["commune_code", "adults"]).where("commune_code", "in", communes).execute()
        : Promise.resolve([]),
  };
}
