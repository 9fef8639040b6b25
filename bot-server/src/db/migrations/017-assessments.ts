import { sql, type Kysely, type Migration } from "kysely";
import { notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 9 — completing a skill: attempts at its final assessment (the questions drawn, graded on the server), the
 * one-time codes a resident shows a tổ member to have their hands-on tasks confirmed (their consent), and the
 * confirmations themselves, one per resident, skill and task.
 */
export const assessmentsMigration = ({ timestamp, idRef, smallint }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await textKey(db.schema.createTable("assessment_attempts"), "id")
      .addColumn("learner_id", "text", notNull)
      .addColumn("skill", "text", notNull)
      // JSON: the ids of the questions drawn, in the order shown.
      .addColumn("questions", "text", notNull)
      .addColumn("started_at", timestamp, notNull)
      .addColumn("submitted_at", timestamp)
      .addColumn("answers", "text")
      .addColumn("correct", smallint)
      .addColumn("total", smallint, notNull)
      .addColumn("pass_percent", smallint, notNull)
      .addColumn("passed", smallint)
      .execute();
    await db.schema.createIndex("assessment_attempts_learner").on("assessment_attempts").columns(["learner_id", "skill", "started_at"]).execute();
    // One attempt open at a time per learner and skill, whatever arrives at once: the retry rule cannot be outrun.
    await db.schema
      .createIndex("assessment_attempts_one_open")
      .on("assessment_attempts")
      .columns(["learner_id", "skill"])
      .unique()
      .where(sql.ref("submitted_at"), "is", null)
      .execute();

    await textKey(db.schema.createTable("hands_on_codes"), "code")
      .addColumn("learner_id", "text", notNull)
      .addColumn("skill", "text", notNull)
      .addColumn("consent_version", "text", notNull)
      .addColumn("consent_text", "text", notNull)
      .addColumn("consented_at", timestamp, notNull)
      .addColumn("expires_at", timestamp, notNull)
      // The member who first opened it: a code is for the member beside the resident, not one it was sent to.
      .addColumn("member_id", "text")
      .execute();
    await db.schema.createIndex("hands_on_codes_learner").on("hands_on_codes").columns(["learner_id", "skill"]).execute();

    await db.schema
      .createTable("hands_on_confirmations")
      .addColumn("learner_id", "text", notNull)
      .addColumn("skill", "text", notNull)
      .addColumn("task_id", "text", notNull)
      .addColumn("member_id", "text", notNull)
      .addColumn("team_id", idRef, notNull)
      .addColumn("consent_version", "text", notNull)
      .addColumn("consented_at", timestamp, notNull)
      .addColumn("confirmed_at", timestamp, notNull)
      .addPrimaryKeyConstraint("hands_on_confirmations_pk", ["learner_id", "skill", "task_id"])
      .execute();
    await db.schema.createIndex("hands_on_confirmations_team").on("hands_on_confirmations").columns(["team_id", "confirmed_at"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("hands_on_confirmations").execute();
    await db.schema.dropTable("hands_on_codes").execute();
    await db.schema.dropTable("assessment_attempts").execute();
  },
});
