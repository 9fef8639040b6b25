import type { Kysely, Migration } from "kysely";
import { notNull, type DialectHelpers } from "./dialect-helpers.js";

export const adminMigration = ({ timestamp, countedId, appendOnly, dropAppendOnly }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // A role is bound to an administrative unit: a province code for province officials, a commune code for
    // commune officials, none for the operator. The person is known by their Zalo user id (they may not have
    // opened the mini app yet).
    await db.schema
      .createTable("roles")
      .addColumn("zalo_user_id", "text", notNull)
      .addColumn("role", "text", notNull)
      .addColumn("area_code", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("granted_by", "text", notNull)
      .addColumn("granted_at", timestamp, notNull)
      .addPrimaryKeyConstraint("roles_pkey", ["zalo_user_id", "role", "area_code"])
      .execute();
    await countedId(db.schema.createTable("audit_log"))
      .addColumn("actor", "text", notNull)
      .addColumn("action", "text", notNull)
      .addColumn("target", "text", notNull)
      .addColumn("area_code", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("before_state", "text")
      .addColumn("after_state", "text")
      .addColumn("at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
    // The database itself refuses to change or remove an entry.
    await appendOnly(db, "audit_log");
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await dropAppendOnly(db, "audit_log");
    await db.schema.dropTable("audit_log").execute();
    await db.schema.dropTable("roles").execute();
  },
});
