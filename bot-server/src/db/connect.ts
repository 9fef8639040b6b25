import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type { Database } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** A short description for logs and /health, without credentials. */
  where: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL only: work inside this schema (tests use one schema each). */
  schema?: string;
  poolSize?: number;
}

const TIMESTAMPTZ = 1184;
const INT8 = 20;

/** PostgreSQL types come back as the same JS values SQLite gives: ISO strings for timestamps, numbers for counts. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
    if (oid === INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small query, so statements are
 * kept by their SQL text (queries are parameterised, so the set of texts is small and bounded).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let st = cache.get(sql);
      if (!st) {
        st = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, st);
      }
      return st;
    },
  };
}

export function connect(url: string, opts: ConnectOptions = {}): Db {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    // A checkpoint (WAL pages copied into the database, two fsyncs) ran every 1,000 pages, inside whichever commit
    // crossed the line: about every 250 progress syncs, a sixth of a sync's cost. Once a second instead, with the
    // automatic one kept as a backstop for a burst.
    sqlite.pragma("wal_autocheckpoint = 10000");
    const checkpoint = () => {
      try {
        sqlite.pragma("wal_checkpoint(PASSIVE)");
      } catch {
        // A passive checkpoint that cannot run now (another process writing) is tried again next second.
      }
    };
    const checkpoints = file === ":memory:" ? null : setInterval(checkpoint, 1000);
    checkpoints?.unref();
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: "sqlite",
      where: `sqlite:${file}`,
      close: () => {
        if (checkpoints) clearInterval(checkpoints);
        return db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types: pgTypes,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return { db, dialect: "postgres", where: `postgres://${u.host}${u.pathname}`, close: () => db.destroy() };
}
