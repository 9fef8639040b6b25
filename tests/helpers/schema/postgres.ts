import { sql, type Kysely } from "kysely";
import type { Database } from "../../../bot-server/src/db/schema.js";
import { isKyselyTable, type SchemaDescription, type TableDescription } from "./types.js";

const ACTIONS: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
/** pg_trigger.tgtype bits. */
const EVENTS: [number, string][] = [
  [4, "insert"],
  [8, "delete"],
  [16, "update"],
  [32, "truncate"],
];

/** The names of attributes listed by number (conkey, indkey), in their order. */
const attnames = (rel: string, nums: string) =>
  sql.raw(`array(SELECT a.attname::text FROM unnest(${nums}) WITH ORDINALITY u(n, i)
  JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = u.n ORDER BY u.i)`);

/** The current schema only: each test works in a schema of its own. */
export async function describePostgres(db: Kysely<Database>): Promise<SchemaDescription> {
  const columns = (
    await sql<{ table: string; name: string; type: string; notnull: boolean; default: string | null }>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
      pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY c.relname, a.attnum`.execute(db)
  ).rows;
  const constraints = (
    await sql<{
      table: string;
      name: string;
      type: string;
      def: string;
      columns: string[];
      ref_table: string | null;
      ref_columns: string[];
      on_delete: string;
      on_update: string;
    }>`
    SELECT c.relname AS table, k.conname AS name, k.contype AS type, pg_get_constraintdef(k.oid) AS def,
      ${attnames("k.conrelid", "k.conkey")} AS columns, f.relname AS ref_table,
      ${attnames("k.confrelid", "k.confkey")} AS ref_columns, k.confdeltype AS on_delete, k.confupdtype AS on_update
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class f ON f.oid = k.confrelid
    WHERE c.relnamespace = current_schema()::regnamespace`.execute(db)
  ).rows;
  const indexes = (
    await sql<{ table: string; name: string; unique: boolean; where: string | null; columns: string[] }>`
    SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, pg_get_expr(x.indpred, x.indrelid) AS where,
      ${attnames("x.indrelid", "x.indkey::int2[]")} AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid)`.execute(db)
  ).rows;
  const triggers = (
    await sql<{ table: string; name: string; type: number; body: string }>`
    SELECT c.relname AS table, t.tgname AS name, t.tgtype AS type, p.prosrc AS body
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal`.execute(db)
  ).rows;

  const out: SchemaDescription = {};
  const tableOf = (name: string): TableDescription =>
    (out[name] ??= { columns: [], primaryKey: [], uniques: [], checks: [], foreignKeys: [], indexes: [], refusingTriggers: [] });
  for (const c of columns.filter((c) => !isKyselyTable(c.table))) {
    const counts = c.default?.startsWith("nextval(") ?? false;
    tableOf(c.table).columns.push({ name: c.name, type: c.type, nullable: !c.notnull, default: counts ? null : c.default, autoIncrement: counts });
  }
  for (const k of constraints.filter((k) => out[k.table])) {
    const t = tableOf(k.table);
    if (k.type === "p") t.primaryKey = k.columns;
    if (k.type === "u") t.uniques.push({ name: k.name, columns: k.columns });
    if (k.type === "c") t.checks.push({ name: k.name, columns: k.columns, expression: k.def });
    if (k.type === "f") {
      t.foreignKeys.push({
        name: k.name,
        columns: k.columns,
        refTable: k.ref_table!,
        refColumns: k.ref_columns,
        onDelete: ACTIONS[k.on_delete]!,
        onUpdate: ACTIONS[k.on_update]!,
      });
    }
  }
  for (const i of indexes.filter((i) => out[i.table])) tableOf(i.table).indexes.push({ name: i.name, columns: i.columns, unique: i.unique, where: i.where });
  for (const tr of triggers.filter((tr) => out[tr.table] && /\braise\s+exception\b/i.test(tr.body))) {
    tableOf(tr.table).refusingTriggers.push({ name: tr.name, events: EVENTS.filter(([bit]) => tr.type & bit).map(([, e]) => e) });
  }
  return out;
}
