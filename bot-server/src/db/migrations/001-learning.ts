import type { Kysely, Migration } from "kysely";
import { notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

export const learningMigration = ({ timestamp, smallint }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    /** What a learner did in a lesson; goes with the learner when they are deleted. */
    const learnerLessonRow = (table: string) =>
      textKey(db.schema.createTable(table), "id")
        .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id").onDelete("cascade"))
        .addColumn("lesson_id", "text", notNull);
    await textKey(db.schema.createTable("learners"), "id")
      .addColumn("zalo_user_id", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", notNull)
      .addColumn("id_by_oa", "text")
      .addColumn("ref_code", "text")
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("learners_id_by_oa").on("learners").column("id_by_oa").execute();
    await learnerLessonRow("quiz_attempts")
      .addColumn("correct", smallint, notNull)
      .addColumn("total", smallint, notNull)
      .addColumn("score_pct", smallint, notNull)
      .addColumn("passed", smallint, notNull)
      .addColumn("answers", "text", notNull)
      .addColumn("answered_at", timestamp, notNull)
      .addColumn("received_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("quiz_attempts_learner_lesson").on("quiz_attempts").columns(["learner_id", "lesson_id"]).execute();
    await learnerLessonRow("lesson_completions")
      .addColumn("completed_at", timestamp, notNull)
      .addColumn("received_at", timestamp, notNull)
      // Named as PostgreSQL names an unnamed one, which databases made before this file keep.
      .addUniqueConstraint("lesson_completions_learner_id_lesson_id_key", ["learner_id", "lesson_id"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ["lesson_completions", "quiz_attempts", "learners"]) await db.schema.dropTable(t).execute();
  },
});
