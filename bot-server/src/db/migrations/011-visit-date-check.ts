import { sql, type Kysely, type Migration } from "kysely";
import type { DialectHelpers } from "./dialect-helpers.js";

/**
 * visits.visited_on is a date, YYYY-MM-DD. The PostgreSQL copy of migration 007 checked that and the SQLite copy
 * did not: both kinds of database now have the same check, under the name PostgreSQL gave it (replaced there). The
 * service has always sent dates of that form (shared/schemas/team.ts), so no existing row is refused.
 * On SQLite the table is rebuilt rather than guarded by triggers: a real CHECK is what PostgreSQL has, shows in the
 * table's definition, and is what a future table rebuild copies along. No down: going back would bring the drift back.
 */
export const visitDateCheckMigration = ({ dialect, addCheck }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const isDate =
      dialect === "postgres" ? sql`visited_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'` : sql`visited_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
    await addCheck(db, "visits", "visits_visited_on_check", isDate);
  },
});
