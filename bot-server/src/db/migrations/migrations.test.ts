import { sql, type Migration, type MigrationResultSet } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import oldMigrations from "../../../../tests/fixtures/schema/old-migrations.json" with { type: "json" };
import postgresBefore from "../../../../tests/fixtures/schema/postgres.json" with { type: "json" };
import sqliteBefore from "../../../../tests/fixtures/schema/sqlite.json" with { type: "json" };
import { createEmptyTestDb, createTestDb, DIALECTS, type TestDb } from "../../../../tests/helpers/databases.js";
import { describeSchema, neutralSchema } from "../../../../tests/helpers/schema/describe.js";
import type { SchemaDescription } from "../../../../tests/helpers/schema/types.js";
import type { Dialect } from "../connect.js";
import { createMigrator, migrateToLatest } from "../migrate.js";
import { migrationsFor } from "./index.js";

/*
 * The fixtures were recorded from the two hand-written copies of migrations 001–010 (sqlite/ and postgres/, last at
 * commit e78332f): the schema each made (sqlite.json, postgres.json) and the SQL each migration ran
 * (old-migrations.json). Databases in the field were made by them.
 */
const before: Record<Dialect, SchemaDescription> = { sqlite: sqliteBefore, postgres: postgresBefore };
const OLD_NAMES = Object.keys(oldMigrations.sqlite);

/** The old copy of `dialect` up to `through`, replayed from the SQL it ran. */
function oldSet(dialect: Dialect, through: string): Record<string, Migration> {
  const entries = Object.entries(oldMigrations[dialect]).slice(0, OLD_NAMES.indexOf(through) + 1);
  return Object.fromEntries(
    entries.map(([name, statements]) => [
      name,
      {
        async up(db) {
          for (const s of statements) await sql.raw(s).execute(db);
        },
      },
    ]),
  );
}

async function succeeds(migration: Promise<MigrationResultSet>) {
  const { error } = await migration;
  if (error) throw error;
}

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.cleanup();
});
const track = async (d: Promise<TestDb>) => {
  const db = await d;
  dbs.push(db);
  return db;
};

describe.each(DIALECTS)("migrations on %s", (dialect) => {
  let fresh: SchemaDescription;
  beforeAll(async () => {
    fresh = await describeSchema((await track(createTestDb(dialect))).db);
  });

  it("through 011 make the schema the old copy made, with the visited_on check SQLite lacked", async () => {
    const d = await track(createEmptyTestDb(dialect));
    await succeeds((await createMigrator(d.db)).migrateTo("011-visit-date-check"));
    const expected = structuredClone(before[dialect]);
    if (dialect === "sqlite") {
      expected.visits!.checks.push({ columns: ["visited_on"], expression: "visited_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'" });
      expected.visits!.checks.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    expect(await describeSchema(d.db)).toEqual(expected);
  });

  it.each(OLD_NAMES)("a database the old copy migrated through %s upgrades without re-running it and ends as a fresh one", async (through) => {
    const d = await track(createEmptyTestDb(dialect));
    await succeeds((await createMigrator(d.db, oldSet(dialect, through))).migrateToLatest());
    const names = Object.keys(migrationsFor(dialect));
    expect(await migrateToLatest(d.db)).toEqual(names.slice(names.indexOf(through) + 1));
    expect(await describeSchema(d.db)).toEqual(fresh);
  });

  it("keeps the visits of an old database and refuses a visit whose date is not YYYY-MM-DD", async () => {
    const d = await track(createEmptyTestDb(dialect));
    await succeeds((await createMigrator(d.db, oldSet(dialect, "010-commune-points"))).migrateToLatest());
    const at = "2025-03-01T02:00:00.000Z";
    await d.db.db
      .insertInto("learners")
      .values({ id: "l1", zalo_user_id: "z1", name: "Lan", id_by_oa: null, ref_code: null, created_at: at, updated_at: at, name_consent_at: null })
      .execute();
    const team = await d.db.db
      .insertInto("teams")
      .values({ commune_code: "00004", name: "Tổ 1", ref_code: "T1", created_by: "z1", created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    const visit = { member_id: "l1", team_id: Number(team.id), household: "Nhà bà Tư", visited_on: "2025-03-01", kinds: '["vneid"]', created_at: at };
    await d.db.db
      .insertInto("visits")
      .values([
        { ...visit, id: "v1" },
        { ...visit, id: "v2", visited_on: "2025-02-28" },
      ])
      .execute();
    const rows = await d.db.db.selectFrom("visits").selectAll().orderBy("id").execute();

    await migrateToLatest(d.db);
    expect(await d.db.db.selectFrom("visits").selectAll().orderBy("id").execute()).toEqual(rows);
    await expect(
      d.db.db
        .insertInto("visits")
        .values({ ...visit, id: "v3", visited_on: "1/3/2025" })
        .execute(),
    ).rejects.toThrow(/check/i);
    await d.db.db
      .insertInto("visits")
      .values({ ...visit, id: "v4", visited_on: "2025-03-02" })
      .execute();
  });
});

describe("SQLite and PostgreSQL", () => {
  it("get the same tables, columns, constraints, indexes and append-only tables, which the two old copies did not", async () => {
    const [sqlite, postgres] = await Promise.all(DIALECTS.map(async (d) => neutralSchema(await describeSchema((await track(createTestDb(d))).db))));
    expect(sqlite).toEqual(postgres);
    expect(neutralSchema(sqliteBefore)).not.toEqual(neutralSchema(postgresBefore));
  });
});
