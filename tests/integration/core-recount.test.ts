import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { COUNTED_CORE_KEY } from "../../bot-server/src/services/reports/recount-if-core-changed.js";
import { coreLessonIds } from "../../bot-server/src/services/teams/core-lessons.js";
import { courseCatalog } from "../../bot-server/src/services/course-catalog.js";
import { appOnDb, createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse } from "../helpers/fixture.js";

const course = fixtureCourse();

describe.each(DIALECTS)("the report rollups follow the core lessons on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course });
  });
  afterAll(async () => t?.close());

  it("a server starting with other core lessons than the rollups were counted with counts them again; with the same, it does not", async () => {
    const repos = repositories(t.testDb.db.db, t.testDb.db.dialect);
    const core = [...coreLessonIds(courseCatalog(course))].sort();
    await t.app.ready();
    expect((await repos.oaState.get(COUNTED_CORE_KEY))?.value).toEqual(core);
    // A team row whose count no base table supports: a recount removes it.
    await t.testDb.db.db
      .insertInto("teams")
      .values({ commune_code: "00004", name: "Tổ thử", ref_code: "THU-1", created_by: "cli:test", created_at: new Date().toISOString() })
      .execute();
    const team = await t.testDb.db.db.selectFrom("teams").select("id").executeTakeFirstOrThrow();
    const stray = async () => {
      await repos.reportRollups.apply([{ table: "totals", teamId: Number(team.id), communeCode: "00004", key: "", add: { trained: 5 } }]);
    };
    await stray();
    const restart = async () => {
      const app = await appOnDb(t.testDb, { course });
      await app.ready();
      await app.close();
    };

    await restart();
    expect((await repos.reportRollups.snapshot()).totals).toEqual([expect.objectContaining({ trained: 5 })]);

    await repos.oaState.set(COUNTED_CORE_KEY, ["a-lesson-no-longer-core"], new Date().toISOString());
    await restart();
    expect((await repos.reportRollups.snapshot()).totals ?? []).toEqual([]);
    expect((await repos.oaState.get(COUNTED_CORE_KEY))?.value).toEqual(core);
  });
});
