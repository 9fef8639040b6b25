import { sql, type Kysely, type Migration } from "kysely";
import { addColumns, dropColumns, notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 8 — lessons of the local skill written by officials. local_lessons is the lesson and where it stands: its
 * area (a commune, or a province for all of its communes), the state of its latest version, and the version
 * residents see (published_version: it stays while a new version is drafted and approved). Every saved version is
 * kept in local_lesson_versions, so an attempt is graded against the version its learner answered
 * (quiz_attempts.lesson_version). local_images holds the uploaded photos, recompressed, in the database so that
 * every process serves them (or only their description, the file being in an S3-compatible bucket).
 */
export const localLessonsMigration = ({ timestamp, bytes }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await textKey(db.schema.createTable("local_lessons"), "id")
      .addColumn("area_code", "text", notNull)
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'awaiting_approval', 'published', 'withdrawn')`))
      .addColumn("latest_version", "integer", notNull)
      .addColumn("published_version", "integer")
      .addColumn("title", "text", notNull)
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_at", timestamp, notNull)
      .addColumn("submitted_by", "text")
      .execute();
    await db.schema.createIndex("local_lessons_area").on("local_lessons").columns(["area_code", "status"]).execute();
    await db.schema
      .createTable("local_lesson_versions")
      .addColumn("lesson_id", "text", (c) => c.notNull().references("local_lessons.id"))
      .addColumn("version", "integer", notNull)
      .addColumn("content", "text", notNull)
      .addColumn("saved_by", "text", notNull)
      .addColumn("saved_at", timestamp, notNull)
      .addColumn("approved_by", "text")
      .addColumn("approved_at", timestamp)
      .addPrimaryKeyConstraint("local_lesson_versions_pkey", ["lesson_id", "version"])
      .execute();
    await textKey(db.schema.createTable("local_images"), "id")
      .addColumn("area_code", "text", notNull)
      .addColumn("mime", "text", notNull)
      // NULL when the photo is kept in an S3-compatible bucket (IMAGE_STORE=s3).
      .addColumn("data", bytes)
      .addColumn("byte_size", "integer", notNull)
      .addColumn("width", "integer", notNull)
      .addColumn("height", "integer", notNull)
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .execute();
    await addColumns(db, "quiz_attempts", [["lesson_version", "integer"]]);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await dropColumns(db, "quiz_attempts", ["lesson_version"]);
    await db.schema.dropTable("local_images").execute();
    await db.schema.dropTable("local_lesson_versions").execute();
    await db.schema.dropTable("local_lessons").execute();
  },
});
