import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { migrateToLatest } from "./migrate.js";

describe.each(DIALECTS)("migrateToLatest on %s", (dialect) => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.cleanup();
  });

  it("migrates a fresh database while another migrated one exists (on PostgreSQL: another schema of the same database)", async () => {
    dbs.push(await createTestDb(dialect));
    const second = await createTestDb(dialect);
    dbs.push(second);
    const tables = await second.db.db.introspection.getTables();
    const own = tables.filter((tb) => !second.schema || tb.schema === second.schema).map((tb) => tb.name);
    expect(own).toEqual(expect.arrayContaining(["learners", "webhook_inbox", "jobs", "subscribers", "oa_tokens", "locks"]));
    await second.db.db.selectFrom("kysely_migration").selectAll().execute();
  });

  it("running it again applies nothing", async () => {
    const d = await createTestDb(dialect);
    dbs.push(d);
    expect(await migrateToLatest(d.db)).toEqual([]);
  });
});
