import { Migrator, type Migration } from "kysely";
import type { Db } from "./connect.js";
import { sqliteMigrations } from "./migrations/sqlite/index.js";
import { postgresMigrations } from "./migrations/postgres/index.js";

export async function migrateToLatest({ db, dialect }: Db): Promise<string[]> {
  const migrations: Record<string, Migration> = dialect === "sqlite" ? sqliteMigrations : postgresMigrations;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
