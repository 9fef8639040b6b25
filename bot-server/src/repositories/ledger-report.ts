import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { ReportScope } from "./report-rollups.js";

const num = (x: unknown) => Number(x ?? 0);
const codes = (xs: string[]) => sql.join(xs.length ? xs : [""]);
/** Outcome rows of a scope, read from their own index (the person's commune and team copied onto each row). */
const outcomesInScope = (s: ReportScope) => ("teamId" in s ? sql`lo.team_id = ${s.teamId}` : sql`lo.commune_code IN (${codes(s.communes)})`);
/** People of a scope, and those counted already among residents learning of a team in the same scope. */
const peopleInScope = (s: ReportScope) => ("teamId" in s ? sql`lp.team_id = ${s.teamId}` : sql`lp.commune_code IN (${codes(s.communes)})`);
const learningInScope = (s: ReportScope) => ("teamId" in s ? sql`lp.learning_team_id = ${s.teamId}` : sql`lp.learning_commune IN (${codes(s.communes)})`);

/**
 * The household ledger's figures for the reports, three grouped queries on covering indexes: outcomes (a merged-away
 * person keeps no outcome rows), per day, and people from the flags kept on each person with every write.
 */
export function ledgerReportRepository(db: Kysely<Database>) {
  return {
    /** Per commune and outcome, the residents who have it. */
    async outcomes(scope: ReportScope) {
      const r = await sql<Record<string, unknown>>`SELECT lo.commune_code, lo.outcome, count(*) AS n FROM ledger_outcomes lo
        WHERE ${outcomesInScope(scope)} GROUP BY lo.commune_code, lo.outcome`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), outcome: String(x.outcome), n: num(x.n) }));
    },
    /** Per day from `fromDay` and outcome, the residents who reached it that day. */
    async days(scope: ReportScope, fromDay: string) {
      const r = await sql<Record<string, unknown>>`SELECT lo.achieved_on, lo.outcome, count(*) AS n FROM ledger_outcomes lo
        WHERE ${outcomesInScope(scope)} AND lo.achieved_on >= ${fromDay} GROUP BY lo.achieved_on, lo.outcome`.execute(db);
      return r.rows.map((x) => ({ day: String(x.achieved_on), outcome: String(x.outcome), n: num(x.n) }));
    },
    /**
     * Per commune: the residents with at least one outcome; those with one that makes a new digital user; and of
     * these, those counted already as residents credited to a team of the scope who learn (one person is one new
     * digital user, however reached).
     */
    async people(scope: ReportScope) {
      const r = await sql<Record<string, unknown>>`SELECT lp.commune_code, count(*) AS people, sum(lp.digital) AS digital,
          sum(CASE WHEN lp.digital = 1 AND ${learningInScope(scope)} THEN 1 ELSE 0 END) AS learning
        FROM ledger_people lp WHERE ${peopleInScope(scope)} AND lp.has_outcomes = 1 GROUP BY lp.commune_code`.execute(db);
      return r.rows.map((x) => ({ commune_code: String(x.commune_code), people: num(x.people), digital: num(x.digital), learning: num(x.learning) }));
    },
    adults: (communes: string[]) =>
      communes.length
        ? db.selectFrom("commune_population").select(["commune_code", "adults"]).where("commune_code", "in", communes).execute()
        : Promise.resolve([]),
  };
}
