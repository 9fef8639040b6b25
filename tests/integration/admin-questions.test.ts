import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { oaConnected, say, settle, userDoes } from "../helpers/oa.js";

const course = loadCourseOrThrow();

describe.each(DIALECTS)("the officials' inbox of unanswered questions on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const get = (token: string | null) => t.app.inject({ url: "/api/v1/admin/questions", headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
    // Two followers ask what the Hỏi đáp cannot answer: one in Phường Ba Đình (Hà Nội), one without a commune.
    const inHanoi = "7700000000000000301";
    const nowhere = "7700000000000000302";
    for (const u of [inHanoi, nowhere]) await userDoes(t.app, u, "follow");
    await settle(t.app);
    for (const text of ["#dong-y", "1", "ba dinh ha noi", "#xa:00004"]) await say(t.app, inHanoi, text);
    await say(t.app, inHanoi, "gia vang hom nay");
    await say(t.app, nowhere, "thoi tiet ngay mai");
    const rows = t.testDb.db.db;
    await rows
      .insertInto("roles")
      .values([
        { zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: clock.now().toISOString() },
        { zalo_user_id: "5500000000000000002", role: "commune_official", area_code: "00004", granted_by: "test", granted_at: clock.now().toISOString() },
        { zalo_user_id: "5500000000000000003", role: "province_official", area_code: "79", granted_by: "test", granted_at: clock.now().toISOString() },
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it("the operator sees every question; an official only those of followers in their area", async () => {
    const texts = async (userIndex: number) =>
      ((await get((await signInAs(t.app, userIndex)).token)).json() as { questions: { text: string }[] }).questions.map((q) => q.text).sort();
    expect(await texts(0)).toEqual(["gia vang hom nay", "thoi tiet ngay mai"]);
    const commune = (await get((await signInAs(t.app, 1)).token)).json() as { questions: { text: string; communeName: string }[] };
    expect(commune.questions).toEqual([expect.objectContaining({ text: "gia vang hom nay", communeName: "Phường Ba Đình, Thành phố Hà Nội" })]);
    expect(await texts(2)).toEqual([]);
  });

  it("refuses people without a role (403) and requests without a session (401)", async () => {
    const res = await get((await signInAs(t.app, 3)).token);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: "not_an_official" });
    expect((await get(null)).statusCode).toBe(401);
  });
});
