import { sql, type Kysely, type RawBuilder } from "kysely";

/**
 * SQLite's way to change what ALTER TABLE cannot (https://sqlite.org/lang_altertable.html#otheralter): a copy of the
 * table made from its own CREATE TABLE text, with `change` applied to the text between its outer parentheses, takes
 * the rows, then the table's place and its indexes and triggers. In one transaction: a failure (a row the new table
 * refuses) leaves the table as it was. A table that other tables' rows refer to would need foreign_keys off around
 * this (DROP TABLE would fail on those rows); no caller has one.
 */
export async function rebuildSqliteTable(db: Kysely<unknown>, table: string, change: (body: string) => RawBuilder<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const [created] = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(trx)).rows;
    if (!created) throw new Error(`no table ${table}`);
    const dependents = (
      await sql<{ sql: string }>`SELECT sql FROM sqlite_master
      WHERE type IN ('index', 'trigger') AND tbl_name = ${table} AND sql IS NOT NULL ORDER BY rowid`.execute(trx)
    ).rows;
    const body = created.sql.slice(created.sql.indexOf("(") + 1, created.sql.lastIndexOf(")"));
    const copy = `${table}_rebuilt`;
    await sql`CREATE TABLE ${sql.table(copy)} (${change(body)})`.execute(trx);
    await sql`INSERT INTO ${sql.table(copy)} SELECT * FROM ${sql.table(table)}`.execute(trx);
    await sql`DROP TABLE ${sql.table(table)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(copy)} RENAME TO ${sql.table(table)}`.execute(trx);
    for (const d of dependents) await sql.raw(d.sql).execute(trx);
  });
}
