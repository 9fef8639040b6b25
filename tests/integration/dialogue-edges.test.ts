import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { deliverSigned, oaConnected, sandboxConfig, say, settle, userDoes, type SandboxConfig } from "../helpers/oa.js";

const course = loadCourseOrThrow();

describe.each(DIALECTS)("dialogue edge cases on %s", (dialect) => {
  let t: TestApp;
  let cfg: SandboxConfig;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const subscriber = (userId: string) => t.testDb.db.db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
    cfg = await sandboxConfig(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it("a stray 'ok' never records consent: only the answer to the consent question does", async () => {
    const user = "7700000000000000201";
    await userDoes(t.app, user, "follow");
    await settle(t.app);
    await say(t.app, user, "menu"); // leaves the consent question unanswered
    await say(t.app, user, "ok");
    expect((await subscriber(user)).consent_at).toBeNull();
    await say(t.app, user, "#nhan-tin"); // asks for consent again
    await say(t.app, user, "ok");
    expect((await subscriber(user)).consent_at).not.toBeNull();
  });

  it("an unfollow delivered after a later follow does not silence the follower (Zalo promises no order)", async () => {
    const user = "7700000000000000202";
    const base = clock.now().getTime();
    const event = (name: "follow" | "unfollow", at: number) => ({
      oa_id: cfg.oa_id,
      follower: { id: user },
      user_id_by_app: "5500000000000000202",
      event_name: name,
      source: "oa_profile",
      app_id: cfg.app_id,
      timestamp: String(at),
    });
    await t.app.sandbox!.world.addUser(user);
    t.app.sandbox!.world.users.get(user)!.following = true;
    expect((await deliverSigned(t.app, cfg, event("follow", base + 2000))).statusCode).toBe(200);
    await settle(t.app);
    expect((await deliverSigned(t.app, cfg, event("unfollow", base + 1000))).statusCode).toBe(200);
    await settle(t.app);
    expect(await subscriber(user)).toMatchObject({ following: 1, followed_at: new Date(base + 2000).toISOString() });
  });
});
