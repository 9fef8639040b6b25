import type { Kysely, Migration } from "kysely";
import { defaultZero, notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 9 — the household ledger: each resident once (a learner with an account, or a household member without a
 * smartphone recorded by a tổ member with a name and household label, and their consent), what each can now do
 * (one row per resident and outcome), and the adult population a commune's shares are reckoned against.
 */
export const householdLedgerMigration = ({ timestamp, idRef, smallint }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await textKey(db.schema.createTable("ledger_people"), "id")
      .addColumn("learner_id", "text")
      .addColumn("team_id", idRef)
      .addColumn("commune_code", "text", notNull)
      .addColumn("name", "text")
      .addColumn("household", "text")
      .addColumn("consent_version", "text", notNull)
      .addColumn("consent_text", "text", notNull)
      .addColumn("consented_at", timestamp, notNull)
      .addColumn("recorded_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      // A household member later merged into their own account's row: kept for the record, counted no more.
      .addColumn("merged_into", "text")
      // Kept with every write of the person's outcomes, so that the reports count people without DISTINCT: 1 when
      // they have any outcome; 1 when one makes a new digital user.
      .addColumn("has_outcomes", smallint, defaultZero)
      .addColumn("digital", smallint, defaultZero)
      // Set once the person, with an account, is credited to a team and learns: that team and its commune, where the
      // reports count them already among residents learning (a new digital user is counted once).
      .addColumn("learning_team_id", idRef)
      .addColumn("learning_commune", "text")
      .execute();
    await db.schema.createIndex("ledger_people_learner").on("ledger_people").column("learner_id").unique().execute();
    await db.schema.createIndex("ledger_people_commune").on("ledger_people").columns(["commune_code", "has_outcomes", "digital", "learning_commune"]).execute();
    await db.schema.createIndex("ledger_people_team_counts").on("ledger_people").columns(["team_id", "has_outcomes", "digital", "learning_team_id"]).execute();
    await db.schema.createIndex("ledger_people_team").on("ledger_people").columns(["team_id", "created_at"]).execute();

    await db.schema
      .createTable("ledger_outcomes")
      .addColumn("person_id", "text", notNull)
      .addColumn("outcome", "text", notNull)
      // The person's, copied so that the reports count a province's outcomes from one index, without a join.
      .addColumn("commune_code", "text", notNull)
      .addColumn("team_id", idRef)
      .addColumn("achieved_on", "text", notNull)
      .addColumn("recorded_by", "text", notNull)
      .addColumn("recorded_at", timestamp, notNull)
      .addPrimaryKeyConstraint("ledger_outcomes_pk", ["person_id", "outcome"])
      .execute();
    await db.schema.createIndex("ledger_outcomes_commune").on("ledger_outcomes").columns(["commune_code", "outcome", "achieved_on", "person_id"]).execute();
    await db.schema.createIndex("ledger_outcomes_team").on("ledger_outcomes").columns(["team_id", "outcome", "achieved_on", "person_id"]).execute();

    await textKey(db.schema.createTable("commune_population"), "commune_code")
      .addColumn("adults", "integer", notNull)
      .addColumn("updated_by", "text", notNull)
      .addColumn("updated_at", timestamp, notNull)
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("commune_population").execute();
    await db.schema.dropTable("ledger_outcomes").execute();
    await db.schema.dropTable("ledger_people").execute();
  },
});
