import { Migrator, sql, type Migration } from "kysely";
import type { Db } from "./connect.js";
import { migrationsFor } from "./migrations/index.js";

/** A Migrator over this database's own migration tables; tests pass other migrations (the set as it once was). */
export async function createMigrator({ db, dialect }: Db, migrations: Record<string, Migration> = migrationsFor(dialect)): Promise<Migrator> {
  // On PostgreSQL, Kysely looks for its migration tables in every schema unless told which one: another schema of
  // the same database that holds them (another app, another test) would make it skip creating its own here.
  const schema = dialect === "postgres" ? (await sql<{ s: string | null }>`select current_schema() as s`.execute(db)).rows[0]?.s : null;
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** PostgreSQL's undefined_table: Kysely's Migrator lists the tables of every schema, and one dropped meanwhile fails it. */
const UNDEFINED_TABLE = "42P01";

export async function migrateToLatest(db: Db): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await (await createMigrator(db)).migrateToLatest();
    // The migrations run in one transaction, so a run that failed changed nothing and may simply run again.
    if (error && (error as { code?: unknown }).code === UNDEFINED_TABLE && attempt < 3) continue;
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }
}
