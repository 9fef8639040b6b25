import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { declaredTables } from "../../../tests/helpers/schema/declared.js";
import { describeSchema, typeFamily } from "../../../tests/helpers/schema/describe.js";
import { isKyselyTable, type SchemaDescription } from "../../../tests/helpers/schema/types.js";

/** schema.ts is written by hand: these tests hold it to what the migrations make. */
const declared = Object.fromEntries(
  Object.entries(declaredTables(fileURLToPath(new URL("./schema.ts", import.meta.url)), "Database")).filter(([t]) => !isKyselyTable(t)),
);

describe.each(DIALECTS)("schema.ts against a migrated %s database", (dialect) => {
  let d: TestDb;
  let schema: SchemaDescription;
  beforeAll(async () => {
    d = await createTestDb(dialect);
    schema = await describeSchema(d.db);
  });
  afterAll(() => d.cleanup());

  it("declares every table and column the database has, and no other, with the same nullability and kind of value", () => {
    const fromDb = Object.fromEntries(
      Object.entries(schema).map(([table, t]) => [
        table,
        Object.fromEntries(
          t.columns.map((c) => {
            const family = typeFamily(c.type);
            return [c.name, { nullable: c.nullable, type: family === "string" ? "string" : family === "unknown" || family === "bytes" ? "other" : "number" }];
          }),
        ),
      ]),
    );
    const fromTs = Object.fromEntries(
      Object.entries(declared).map(([table, cols]) => [
        table,
        Object.fromEntries(Object.entries(cols).map(([name, { nullable, type }]) => [name, { nullable, type }])),
      ]),
    );
    expect(fromTs).toEqual(fromDb);
  });

  it("marks as Generated only columns the database fills (a default, or an id it counts up)", () => {
    const unfilled = Object.entries(declared).flatMap(([table, cols]) =>
      Object.entries(cols)
        .filter(([name, c]) => c.generated && !schema[table]?.columns.some((dc) => dc.name === name && (dc.default !== null || dc.autoIncrement)))
        .map(([name]) => `${table}.${name}`),
    );
    expect(unfilled).toEqual([]);
  });
});
