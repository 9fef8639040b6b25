import type { Kysely, Migration } from "kysely";
import { addColumns, defaultZero, notNull, type DialectHelpers } from "./dialect-helpers.js";

export const deliveriesMigration = ({ timestamp, countedId }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await addColumns(db, "campaigns", [
      ["sent_by", "text"],
      ["sent_at", timestamp],
      ["scheduled_at", timestamp],
      ["approved_by", "text"],
      ["approved_at", timestamp],
    ]);
    // One row per (campaign, follower): the unique key that keeps anyone from getting a campaign twice.
    // kind: how it goes (cs free or billed, promotion, or inbox); state: planned → sending → sent / held / failed,
    // or cancelled. Held items are the person's inbox ("Tin mới").
    await countedId(db.schema.createTable("deliveries"))
      .addColumn("campaign_id", "bigint", notNull)
      .addColumn("user_id", "text", notNull)
      .addColumn("kind", "text", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("attempts", "integer", defaultZero)
      .addColumn("zalo_message_id", "text")
      .addColumn("error_code", "integer")
      .addColumn("cost_vnd", "integer", defaultZero)
      .addColumn("in_flight_at_crash", "integer", defaultZero)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_at", timestamp, notNull)
      .addUniqueConstraint("deliveries_campaign_id_user_id_key", ["campaign_id", "user_id"])
      .execute();
    await db.schema.createIndex("deliveries_state").on("deliveries").columns(["campaign_id", "state"]).execute();
    await db.schema.createIndex("deliveries_user").on("deliveries").columns(["user_id", "state"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("deliveries").execute();
  },
});
