import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { oaConnected, say, sentTo, settle } from "../helpers/oa.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

// Scale-out mode: PostgreSQL + BullMQ on Redis behind the same queue interface (workers in this process here).
describe("scale-out mode (PostgreSQL + Redis)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      "postgres",
      { course: loadCourseOrThrow() },
      { REDIS_URL, REDIS_PREFIX: `ksc-test-${randomBytes(4).toString("hex")}`, WORKERS: "on" },
    );
    await t.app.ready();
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers the chatbot and delivers a campaign through BullMQ", async () => {
    const user = "7700000000000000501";
    const world = t.app.sandbox!.world;
    await t.app.inject({ method: "POST", url: `/sandbox/users/${user}/follow` });
    await settle(t.app);
    expect((await sentTo(t.app, user)).length).toBeGreaterThan(0);
    for (const text of ["#dong-y", "5", "ba dinh ha noi", "#xa:00004"]) await say(t.app, user, text);
    expect(world.users.get(user)!.following).toBe(true);

    await t.testDb.db.db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: new Date().toISOString() })
      .execute();
    const { token } = await signInAs(t.app, 0);
    const auth = { authorization: `Bearer ${token}` };
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/campaigns",
      headers: auth,
      payload: { title: "Qua BullMQ", text: "Tin thử.", topics: ["an-toan-mang"], areaCode: "00004" },
    });
    const id = created.json().id as number;
    expect((await t.app.inject({ method: "POST", url: `/api/v1/admin/campaigns/${id}/send`, headers: auth })).json()).toEqual({ status: "sending" });
    await expect.poll(async () => (await t.app.inject({ url: `/api/v1/admin/campaigns/${id}/stats`, headers: auth })).json().sent, { timeout: 15_000 }).toBe(1);
    expect((await sentTo(t.app, user)).filter((m) => m.message.text?.startsWith("Qua BullMQ"))).toHaveLength(1);
  });
});
