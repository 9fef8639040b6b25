import type { Kysely, Migration } from "kysely";
import { notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 9 — certificates anyone can verify: one row per certificate issued, its code (the page /verify/<code>), the
 * holder's name as they gave it, what was completed, where, the signed text its QR code carries, and its revocation
 * by an official of the area with a reason.
 */
export const certificatesMigration = ({ timestamp, idRef }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await textKey(db.schema.createTable("certificates"), "code")
      .addColumn("learner_id", "text", notNull)
      .addColumn("name", "text", notNull)
      .addColumn("skill", "text", notNull)
      .addColumn("commune_code", "text", notNull)
      .addColumn("team_id", idRef)
      .addColumn("team_name", "text")
      .addColumn("issued_at", timestamp, notNull)
      .addColumn("signed", "text", notNull)
      .addColumn("revoked_at", timestamp)
      .addColumn("revoked_by", "text")
      .addColumn("revoke_reason", "text")
      .execute();
    await db.schema.createIndex("certificates_learner_skill").on("certificates").columns(["learner_id", "skill"]).unique().execute();
    await db.schema.createIndex("certificates_commune").on("certificates").columns(["commune_code", "issued_at"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("certificates").execute();
  },
});
