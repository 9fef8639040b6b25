import type { CreateTableBuilder, Kysely, Migration } from "kysely";
import { defaultZero, notNull, type DialectHelpers } from "./dialect-helpers.js";

const counters = (table: CreateTableBuilder<string, string>, names: string[]) => names.reduce((t, name) => t.addColumn(name, "integer", defaultZero), table);

/**
 * Report rollups (Step 4, section 4): counters per team (with its commune, for province and commune sums), kept
 * current in the same transaction as the writes that change them (services/reports/rollups.ts) and equal to a
 * from-scratch count (rebuildReportRollups, tested). Weeks, quizzes and visit kinds are also kept per commune;
 * a province is the sum of its communes' rows.
 */
export const reportRollupsMigration = ({ idRef }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const perTeam = (table: string, key?: string) => {
      const t = db.schema.createTable(table);
      return key === undefined
        ? t.addColumn("team_id", idRef, (c) => c.primaryKey().references("teams.id")).addColumn("commune_code", "text", notNull)
        : t
            .addColumn("team_id", idRef, (c) => c.notNull().references("teams.id"))
            .addColumn(key, "text", notNull)
            .addColumn("commune_code", "text", notNull)
            .addPrimaryKeyConstraint(`${table}_pkey`, ["team_id", key]);
    };
    const perCommune = (table: string, key: string) =>
      db.schema
        .createTable(table)
        .addColumn("commune_code", "text", notNull)
        .addColumn(key, "text", notNull)
        .addPrimaryKeyConstraint(`${table}_pkey`, ["commune_code", key]);
    const index = (name: string, table: string, columns: string[]) => db.schema.createIndex(name).on(table).columns(columns).execute();

    // All-time figures of a team: active members and those trained, residents credited, those who completed a
    // lesson, the lessons they completed, and household visits.
    await counters(perTeam("report_team_totals"), ["members", "trained", "credited", "learning", "lessons", "visits"]).execute();
    await index("report_team_totals_commune", "report_team_totals", ["commune_code"]);
    // Per week (Monday, Vietnam time): residents credited, lessons completed by them, visits, memberships started.
    await counters(perTeam("report_team_weeks", "week_start"), ["credited", "lessons", "visits", "joined"]).execute();
    await index("report_team_weeks_commune", "report_team_weeks", ["commune_code", "week_start"]);
    // Per lesson: credited residents who attempted its quiz, and who passed it.
    await counters(perTeam("report_team_quiz", "lesson_id"), ["attempted", "passed"]).execute();
    await index("report_team_quiz_commune", "report_team_quiz", ["commune_code"]);
    // Per visit kind: visits that helped with it.
    await counters(perTeam("report_team_kinds", "kind"), ["visits"]).execute();
    await index("report_team_kinds_commune", "report_team_kinds", ["commune_code"]);
    // The same per commune (the sum of its teams' rows), so that a province reads a few thousand rows, not a hundred thousand.
    await counters(perCommune("report_commune_weeks", "week_start"), ["credited", "lessons", "visits", "joined"]).execute();
    await counters(perCommune("report_commune_quiz", "lesson_id"), ["attempted", "passed"]).execute();
    await counters(perCommune("report_commune_kinds", "kind"), ["visits"]).execute();
    // Keeping the rollups current reads a person's memberships, past ones included.
    await index("team_members_learner", "team_members", ["learner_id"]);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("team_members_learner").execute();
    for (const t of [
      "report_commune_kinds",
      "report_commune_quiz",
      "report_commune_weeks",
      "report_team_kinds",
      "report_team_quiz",
      "report_team_weeks",
      "report_team_totals",
    ]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
