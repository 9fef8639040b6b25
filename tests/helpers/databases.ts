import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { connect, type Db, type Dialect } from "../../bot-server/src/db/connect.js";
import { migrateToLatest } from "../../bot-server/src/db/migrate.js";

/** Every repository, service and HTTP test runs on both databases. */
export const DIALECTS: Dialect[] = ["sqlite", "postgres"];

/** The machine's PostgreSQL (trust auth, database `test`); override with TEST_DATABASE_URL. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDb {
  db: Db;
  /** A DATABASE_URL that reaches the same data (for child processes); PostgreSQL tests share it by schema. */
  url: string;
  schema?: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file, or a new schema in PostgreSQL. */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  const t = await createEmptyTestDb(dialect);
  try {
    await migrateToLatest(t.db);
  } catch (err) {
    await t.cleanup(); // leave no half-made schema behind
    throw err;
  }
  return t;
}

/** The same, before any migration (tests of the migrations themselves). */
export async function createEmptyTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "ksc-test-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    const db = connect(url);
    return {
      db,
      url,
      cleanup: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = connect(POSTGRES_URL, { schema, poolSize: 4 });
  const cleanup = async () => {
    await db.close();
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  };
  return { db, url: POSTGRES_URL, schema, cleanup };
}
