import type { Kysely, Migration } from "kysely";
import { notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 8 — every step can be heard. audio_clips holds the sound of a text, once per text (its key is the text's
 * hash with the voice's settings, see services/audio/synthesize.ts): Opus in Ogg, an MP3 for webviews that cannot
 * play Opus, the duration, and whether a machine voice made it. In the database, so that every process serves the
 * same files.
 * step_recordings: a person's recording of a lesson step, made for the text the step had then (text_key, the
 * machine voice's key of that text): once the step's text changes, the recording no longer matches and the machine
 * voice reads the new text until someone records it again.
 */
export const audioMigration = ({ timestamp, bytes, double }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await textKey(db.schema.createTable("audio_clips"), "key")
      .addColumn("ogg", bytes, notNull)
      .addColumn("mp3", bytes, notNull)
      .addColumn("ogg_bytes", "integer", notNull)
      .addColumn("seconds", double, notNull)
      .addColumn("machine", "integer", notNull)
      .addColumn("created_at", timestamp, notNull)
      .execute();
    await db.schema
      .createTable("step_recordings")
      .addColumn("lesson_id", "text", notNull)
      .addColumn("step", "integer", notNull)
      .addColumn("text_key", "text", notNull)
      .addColumn("audio_key", "text", notNull)
      .addColumn("recorded_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .addPrimaryKeyConstraint("step_recordings_pkey", ["lesson_id", "step"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("step_recordings").execute();
    await db.schema.dropTable("audio_clips").execute();
  },
});
