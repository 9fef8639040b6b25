import { Migrator, sql, type Migration } from "kysely";
import type { Db } from "./connect.js";
import { sqliteMigrations } from "./migrations/sqlite/index.js";
import { postgresMigrations } from "./migrations/postgres/index.js";

export async function migrateToLatest({ db, dialect }: Db): Promise<string[]> {
  const migrations: Record<string, Migration> = dialect === "sqlite" ? sqliteMigrations : postgresMigrations;
  // On PostgreSQL, Kysely looks for its migration tables in every schema unless told which one: another schema of
  // the same database that holds them (another app, another test) would make it skip creating its own here.
  const schema = dialect === "postgres" ? (await sql<{ s: string | null }>`select current_schema() as s`.execute(db)).rows[0]?.s : null;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
