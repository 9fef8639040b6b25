import type { Kysely, Migration } from "kysely";
import { defaultZero, notNull, type DialectHelpers } from "./dialect-helpers.js";

export const campaignsMigration = ({ timestamp, countedId }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // A campaign is news an official sends to the followers of an area; its content is JSON validated by
    // shared/schemas/campaign.ts, its target an area code (province or commune), optional communes inside it, topics.
    await countedId(db.schema.createTable("campaigns"))
      .addColumn("title", "text", notNull)
      .addColumn("content", "text", notNull)
      .addColumn("area_code", "text", notNull)
      .addColumn("communes", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("topics", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("allow_paid", "integer", defaultZero)
      .addColumn("budget_vnd", "integer", defaultZero)
      .addColumn("use_promotion", "integer", defaultZero)
      .addColumn("status", "text", notNull)
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("campaigns_area").on("campaigns").columns(["area_code", "created_at"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("campaigns").execute();
  },
});
