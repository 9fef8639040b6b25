import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/databases.js";

// SQLite has no TRUNCATE (its DELETE is refused by a trigger, tested in admin.test.ts); PostgreSQL's bypasses row triggers.
describe("the audit log on postgres", () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb("postgres");
    await testDb.db.db
      .insertInto("audit_log")
      .values({ actor: "cli:test", action: "role.grant", target: "1", area_code: "", before_state: null, after_state: "{}", at: new Date().toISOString() })
      .execute();
  });
  afterAll(async () => {
    await testDb.cleanup();
  });

  it("refuses TRUNCATE too, and keeps its entries", async () => {
    await expect(sql`TRUNCATE audit_log`.execute(testDb.db.db)).rejects.toThrow(/append-only/);
    expect(await testDb.db.db.selectFrom("audit_log").select("actor").execute()).toEqual([{ actor: "cli:test" }]);
  });
});
