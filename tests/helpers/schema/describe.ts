import type { Db } from "../../../bot-server/src/db/connect.js";
import { describePostgres } from "./postgres.js";
import { describeSqlite } from "./sqlite.js";
import type { SchemaDescription } from "./types.js";

export async function describeSchema(db: Db): Promise<SchemaDescription> {
  const tables = db.dialect === "sqlite" ? await describeSqlite(db.db) : await describePostgres(db.db);
  return sortedSchema(tables);
}

const byJson = <T>(items: T[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Stable order everywhere except columns, whose order is the table's own. */
function sortedSchema(tables: SchemaDescription): SchemaDescription {
  const out: SchemaDescription = {};
  for (const name of Object.keys(tables).sort()) {
    const t = tables[name]!;
    out[name] = {
      columns: t.columns,
      primaryKey: t.primaryKey,
      uniques: byJson(t.uniques),
      checks: byJson(t.checks),
      foreignKeys: byJson(t.foreignKeys),
      indexes: byJson(t.indexes),
      refusingTriggers: byJson(t.refusingTriggers.map((tr) => ({ ...tr, events: [...tr.events].sort() }))),
    };
  }
  return out;
}

/**
 * What both dialects should agree on. Types become the family the app sees (timestamps are ISO strings on both:
 * TEXT in SQLite, timestamptz parsed back into strings by connect.ts); a check is known by the columns it reads,
 * a partial index by having a predicate; a table is append-only when triggers refuse both UPDATE and DELETE
 * (PostgreSQL also refuses TRUNCATE, which SQLite does not have).
 */
export function neutralSchema(schema: SchemaDescription) {
  return Object.fromEntries(
    Object.entries(schema).map(([name, t]) => {
      const refused = new Set(t.refusingTriggers.flatMap((tr) => tr.events));
      return [
        name,
        {
          columns: t.columns.map((c) => ({
            name: c.name,
            family: typeFamily(c.type),
            nullable: c.nullable,
            default: neutralDefault(c.default),
            autoIncrement: c.autoIncrement,
          })),
          primaryKey: t.primaryKey,
          uniques: byJson(t.uniques.map((u) => u.columns)),
          checks: byJson(t.checks.map((c) => c.columns)),
          foreignKeys: byJson(
            t.foreignKeys.map(({ columns, refTable, refColumns, onDelete, onUpdate }) => ({ columns, refTable, refColumns, onDelete, onUpdate })),
          ),
          indexes: t.indexes.map((i) => ({ name: i.name, columns: i.columns, unique: i.unique, partial: i.where !== null })),
          appendOnly: refused.has("update") && refused.has("delete"),
        },
      ];
    }),
  );
}

export function typeFamily(type: string): "integer" | "real" | "string" | "bytes" | "unknown" {
  if (/int/.test(type)) return "integer";
  if (/blob|bytea/.test(type)) return "bytes";
  if (/real|floa|doub|numeric/.test(type)) return "real";
  if (/char|clob|text|timestamp/.test(type)) return "string";
  return "unknown";
}

/** PostgreSQL writes casts into defaults ('[]'::text). */
const neutralDefault = (d: string | null) => d?.replace(/::[a-z ]+$/, "") ?? null;
