import { sql, type Kysely } from "kysely";
import type { Database } from "../../../bot-server/src/db/schema.js";
import { isKyselyTable, type SchemaDescription, type TableDescription } from "./types.js";

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface IndexInfo {
  name: string;
  unique: number;
  origin: "c" | "u" | "pk";
  partial: number;
}
interface ForeignKeyInfo {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string;
  on_update: string;
  on_delete: string;
}

/** SQLite keeps expressions as written: compare them lowercased, unquoted, with single spaces. */
const normalise = (text: string) => text.replace(/"/g, "").replace(/\s+/g, " ").trim().toLowerCase();

/** The text inside the parentheses that open at `open`, skipping quoted strings. */
function parenthesised(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") i = text.indexOf("'", i + 1);
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}

/** SQLite has no catalog of checks: they are read from the CREATE TABLE text; a check's columns are those it names. */
function checksOf(createSql: string, columns: string[]) {
  const checks: TableDescription["checks"] = [];
  for (const m of createSql.matchAll(/\bcheck\s*\(/gi)) {
    const expression = normalise(parenthesised(createSql, m.index + m[0].length - 1));
    const words = new Set(expression.match(/[a-z_][a-z0-9_]*/g));
    checks.push({ columns: columns.filter((c) => words.has(c)), expression });
  }
  return checks;
}

async function describeTable(db: Kysely<Database>, table: string, createSql: string, triggers: { name: string; sql: string }[]): Promise<TableDescription> {
  const cols = (await sql<ColumnInfo>`SELECT * FROM pragma_table_info(${table}) ORDER BY cid`.execute(db)).rows;
  const indexList = (await sql<IndexInfo>`SELECT * FROM pragma_index_list(${table})`.execute(db)).rows;
  const indexColumns = async (index: string) =>
    (await sql<{ name: string }>`SELECT name FROM pragma_index_info(${index}) ORDER BY seqno`.execute(db)).rows.map((r) => r.name);
  const indexSql = async (index: string) =>
    (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ${index}`.execute(db)).rows[0]!.sql;
  const fkRows = (await sql<ForeignKeyInfo>`SELECT * FROM pragma_foreign_key_list(${table}) ORDER BY id, seq`.execute(db)).rows;
  const autoIncrement = /\bautoincrement\b/i.test(createSql);
  const primaryKey = cols
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const integerKey = primaryKey.length === 1 && cols.find((c) => c.name === primaryKey[0])!.type.toLowerCase() === "integer";
  const uniques: TableDescription["uniques"] = [];
  const indexes: TableDescription["indexes"] = [];
  for (const ix of indexList) {
    if (ix.origin === "u") uniques.push({ columns: await indexColumns(ix.name) });
    if (ix.origin !== "c") continue;
    const where = ix.partial ? normalise((await indexSql(ix.name)).replace(/^[\s\S]*?\bwhere\b/i, "")) : null;
    indexes.push({ name: ix.name, columns: await indexColumns(ix.name), unique: ix.unique === 1, where });
  }
  const fks = new Map<number, ForeignKeyInfo[]>();
  for (const r of fkRows) fks.set(r.id, [...(fks.get(r.id) ?? []), r]);
  return {
    columns: cols.map((c) => ({
      name: c.name,
      type: c.type.toLowerCase(),
      // SQLite lets a primary key other than INTEGER hold NULL (a legacy quirk); the app never writes one, and
      // the comparison treats every primary key as NOT NULL as PostgreSQL does.
      nullable: c.notnull === 0 && c.pk === 0,
      default: c.dflt_value === null ? null : normalise(c.dflt_value),
      autoIncrement: autoIncrement && integerKey && c.pk === 1,
    })),
    primaryKey,
    uniques,
    checks: checksOf(
      createSql,
      cols.map((c) => c.name),
    ),
    foreignKeys: [...fks.values()].map((rows) => ({
      columns: rows.map((r) => r.from),
      refTable: rows[0]!.table,
      refColumns: rows.map((r) => r.to),
      onDelete: rows[0]!.on_delete.toLowerCase(),
      onUpdate: rows[0]!.on_update.toLowerCase(),
    })),
    indexes,
    refusingTriggers: triggers
      .filter((tr) => /\braise\s*\(\s*abort\b/i.test(tr.sql))
      .map((tr) => ({
        name: tr.name,
        events: [...tr.sql.matchAll(/\b(?:before|after|instead of)\s+(insert|update|delete)\b/gi)].map((m) => m[1]!.toLowerCase()),
      })),
  };
}

export async function describeSqlite(db: Kysely<Database>): Promise<SchemaDescription> {
  const master = (
    await sql<{ type: string; name: string; tbl_name: string; sql: string }>`
    SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'`.execute(db)
  ).rows;
  const out: SchemaDescription = {};
  for (const t of master.filter((m) => m.type === "table" && !isKyselyTable(m.name))) {
    out[t.name] = await describeTable(
      db,
      t.name,
      t.sql,
      master.filter((m) => m.type === "trigger" && m.tbl_name === t.name),
    );
  }
  return out;
}
