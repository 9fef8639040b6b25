import type { Kysely, Migration } from "kysely";
import { notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Where each commune is, for the person who shares a location in the chat (user_send_location): the point of the
 * commune's office or its centre, imported by the operator from a table the province has
 * (`npm run admin -- import-commune-points`) or set by an official of the commune in Quản trị.
 * No coordinates of the 2025 communes ship with the product: no dataset with a clear licence was found.
 */
export const communePointsMigration = ({ timestamp, double }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await textKey(db.schema.createTable("commune_points"), "commune_code")
      .addColumn("latitude", double, notNull)
      .addColumn("longitude", double, notNull)
      .addColumn("source", "text", notNull)
      .addColumn("updated_by", "text", notNull)
      .addColumn("updated_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("commune_points_latitude").on("commune_points").column("latitude").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("commune_points").execute();
  },
});
