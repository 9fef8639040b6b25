import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type CreateTableBuilder, type Expression, type Kysely } from "kysely";
import type { Dialect } from "../connect.js";
import { rebuildSqliteTable } from "./sqlite-rebuild.js";

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
/** NOT NULL DEFAULT 0: counts, and flags that start off. */
export const defaultZero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

/** A TEXT primary key (ids made by the app, Zalo's ids, natural keys). */
export const textKey = <T extends string, C extends string, K extends string>(table: CreateTableBuilder<T, C>, name: K) =>
  table.addColumn(name, "text", (c) => c.primaryKey());

/** Columns added to an existing table, one ALTER TABLE each: SQLite adds no more at once. */
export async function addColumns(
  db: Kysely<unknown>,
  table: string,
  columns: [name: string, type: ColumnDataType, build?: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder][],
) {
  for (const [name, type, build] of columns)
    await db.schema
      .alterTable(table)
      .addColumn(name, type, build ?? ((c) => c))
      .execute();
}

export async function dropColumns(db: Kysely<unknown>, table: string, columns: string[]) {
  for (const name of columns) await db.schema.alterTable(table).dropColumn(name).execute();
}

/** What the two databases spell differently; everything else in the migrations is written once. */
export interface DialectHelpers {
  dialect: Dialect;
  /** ISO-8601 text in SQLite; timestamptz in PostgreSQL (read back as the same strings, see connect.ts). */
  timestamp: "text" | "timestamptz";
  /** A column that holds an id made by `countedId`. */
  idRef: "integer" | "bigint";
  smallint: "integer" | "smallint";
  double: "real" | "double precision";
  /** Binary data (audio, images): BLOB in SQLite, bytea in PostgreSQL; both read back as Buffers. */
  bytes: "blob" | "bytea";
  /** The function that counts a text's characters. */
  charLength: Expression<unknown>;
  /** An `id` primary key the database counts up. */
  countedId<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | "id">;
  /** Triggers that refuse every UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of the table's rows. */
  appendOnly(db: Kysely<unknown>, table: string): Promise<void>;
  dropAppendOnly(db: Kysely<unknown>, table: string): Promise<void>;
  /**
   * Adds a CHECK constraint to an existing table, replacing one of the same name on PostgreSQL. SQLite cannot alter a
   * table's constraints: the table is rebuilt with the check (see sqlite-rebuild.ts).
   */
  addCheck(db: Kysely<unknown>, table: string, name: string, check: Expression<unknown>): Promise<void>;
}

const sqlite: DialectHelpers = {
  dialect: "sqlite",
  timestamp: "text",
  idRef: "integer",
  smallint: "integer",
  double: "real",
  bytes: "blob",
  charLength: sql.raw("length"),
  countedId: (table) => table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()),
  async appendOnly(db, table) {
    for (const event of ["update", "delete"]) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_no_${event}`)} BEFORE ${sql.raw(event.toUpperCase())} ON ${sql.table(table)}
        BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    }
  },
  async dropAppendOnly(db, table) {
    for (const event of ["update", "delete"]) await sql`DROP TRIGGER ${sql.id(`${table}_no_${event}`)}`.execute(db);
  },
  addCheck: (db, table, name, check) => rebuildSqliteTable(db, table, (body) => sql`${sql.raw(body)}, CONSTRAINT ${sql.id(name)} CHECK (${check})`),
};

const postgres: DialectHelpers = {
  dialect: "postgres",
  timestamp: "timestamptz",
  idRef: "bigint",
  smallint: "smallint",
  double: "double precision",
  bytes: "bytea",
  charLength: sql.raw("char_length"),
  countedId: (table) => table.addColumn("id", "bigserial", (c) => c.primaryKey()),
  async appendOnly(db, table) {
    const fn = sql.id(`${table}_append_only`);
    await sql`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION ${sql.lit(`${table} is append-only`)}; END $$`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_change`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
    FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
    FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
  },
  async dropAppendOnly(db, table) {
    await sql`DROP FUNCTION ${sql.id(`${table}_append_only`)}() CASCADE`.execute(db);
  },
  async addCheck(db, table, name, check) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT IF EXISTS ${sql.id(name)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(name)} CHECK (${check})`.execute(db);
  },
};

export const dialectHelpers = (dialect: Dialect): DialectHelpers => (dialect === "sqlite" ? sqlite : postgres);
