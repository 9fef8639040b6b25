import { sql, type Kysely, type Migration } from "kysely";
import { notNull, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 8 — bulletins for the commune loudspeaker (truyền thanh cơ sở): a script written for listening, its class,
 * its audio (the machine voice or an official's recording, in audio_clips), made from a lesson, a campaign or a
 * week's news for an area. Scoped, approved and audited like campaigns: one reaching a whole province waits for a
 * second official.
 */
export const bulletinsMigration = ({ timestamp, countedId, idRef }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await countedId(db.schema.createTable("bulletins"))
      .addColumn("area_code", "text", notNull)
      .addColumn("source_kind", "text", (c) => c.notNull().check(sql`source_kind in ('lesson', 'campaign', 'week')`))
      .addColumn("source_ref", "text", notNull)
      .addColumn("title", "text", notNull)
      .addColumn("script", "text", notNull)
      .addColumn("class", "text", (c) => c.notNull().check(sql`class in ('thuong', 'uu_tien', 'khan_cap')`))
      .addColumn("audio_key", "text")
      .addColumn("audio_machine", "integer")
      .addColumn("seconds", "real")
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'awaiting_approval', 'approved', 'cancelled')`))
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_at", timestamp, notNull)
      .addColumn("submitted_by", "text")
      .addColumn("approved_by", "text")
      .addColumn("approved_at", timestamp)
      .addColumn("campaign_id", idRef)
      .execute();
    await db.schema.createIndex("bulletins_area").on("bulletins").columns(["area_code", "created_at"]).execute();
    await db.schema
      .createIndex("bulletins_week")
      .on("bulletins")
      .columns(["source_kind", "source_ref", "area_code"])
      .unique()
      .where(sql.ref("source_kind"), "=", "week")
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("bulletins").execute();
  },
});
