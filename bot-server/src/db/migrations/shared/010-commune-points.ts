import { sql, type Kysely, type Migration } from "kysely";

/**
 * Where each commune is, for the person who shares a location in the chat (user_send_location): the point of the
 * commune's office or its centre, imported by the operator from a table the province has
 * (`npm run admin -- import-commune-points`) or set by an official of the commune in Quản trị.
 * No coordinates of the 2025 communes ship with the product: no dataset with a clear licence was found.
 */
export function communePointsMigration(ts: "TEXT" | "TIMESTAMPTZ"): Migration {
  const t = sql.raw(ts);
  const real = sql.raw(ts === "TEXT" ? "REAL" : "DOUBLE PRECISION");
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`CREATE TABLE commune_points (
        commune_code TEXT PRIMARY KEY,
        latitude ${real} NOT NULL,
        longitude ${real} NOT NULL,
        source TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at ${t} NOT NULL
      )`.execute(db);
      await sql`CREATE INDEX commune_points_latitude ON commune_points (latitude)`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`DROP TABLE commune_points`.execute(db);
    },
  };
}
