import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { mirrorTags } from "../../bot-server/src/services/followers/mirror-tags.js";
import { oaConnected, say, sentTo, settle } from "../helpers/oa.js";

const course = loadCourseOrThrow();

describe.each(DIALECTS)("events Zalo really sends, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const subscriber = (userId: string) => t.testDb.db.db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  // Java SDK v3/SendTextAnonymousMessage: recipient {anonymous_id, conversation_id}; the webhook's sender.id is the
  // anonymous id and message.conversation_id the conversation (an integration's handler, zalo-platform.md).
  it("someone writing without following (anonymous_send_text) is answered through Zalo's anonymous recipient", async () => {
    const res = await t.app.inject({ method: "POST", url: "/sandbox/users/990001/anonymous-send", payload: { text: "menu" } });
    expect(res.statusCode).toBe(200);
    const { anonymous_id } = res.json() as { anonymous_id: string };
    await settle(t.app);
    const got = await sentTo(t.app, anonymous_id);
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.at(-1)!.message.text).toMatch(/chưa quan tâm OA/);
    const rows = await t.testDb.db.db.selectFrom("oa_messages").selectAll().where("user_id", "=", anonymous_id).execute();
    expect(rows.every((r) => r.status === "sent" && r.conversation_id === "conv-990001")).toBe(true);
    // Nothing is kept about them as a subscriber.
    expect(await subscriber(anonymous_id)).toBeUndefined();
  });

  it("a follower with no follow event on record who writes is answered, then checked with Zalo (user/detail)", async () => {
    const world = t.app.sandbox!.world;
    const u = world.addUser("7700000000000000551");
    world.setFollowing(u, true); // followed long before this server existed: no follow event
    const replies = await say(t.app, u.id, "menu");
    expect(replies.length).toBeGreaterThan(0);
    await settle(t.app);
    const row = await subscriber(u.id);
    expect(row).toMatchObject({ following: 1 });
    expect(row!.follow_checked_at).not.toBeNull();
    // Someone Zalo says does not follow (they write from a chat opened long ago) is recorded as such: evidence.
    const gone = world.addUser("7700000000000000552");
    await say(t.app, gone.id, "menu");
    await settle(t.app);
    expect(await subscriber(gone.id)).toMatchObject({ following: 0 });
    expect((await subscriber(gone.id))!.follow_checked_at).not.toBeNull();
  });

  it("bot replies are counted against the person's free replies, and a new message starts the count again", async () => {
    const world = t.app.sandbox!.world;
    const u = world.addUser("7700000000000000553");
    world.setFollowing(u, true);
    await say(t.app, u.id, "menu");
    const first = await subscriber(u.id);
    expect(first!.window_replies).toBeGreaterThan(0);
    expect(first!.window_replies).toBe(u.repliesInWindow); // the same count Zalo keeps
    clock.advanceMinutes(1);
    await say(t.app, u.id, "menu");
    const second = await subscriber(u.id);
    expect(second!.window_replies).toBe(u.repliesInWindow);
    expect(second!.window_anchor).toBe(second!.last_interaction_at);
    const quotaTypes = await t.testDb.db.db.selectFrom("oa_messages").select("quota_type").where("user_id", "=", u.id).execute();
    expect(quotaTypes.every((r) => r.quota_type === "reply")).toBe(true);
  });

  // zalo-php-sdk ZaloEndPoint: v2.0/oa/tag/tagfollower and rmfollowerfromtag, body {user_id, tag_name}.
  it("a subscription is mirrored into OA tags (one per commune and topic); changes add and remove only what changed", async () => {
    const world = t.app.sandbox!.world;
    const u = world.addUser("7700000000000000554");
    world.setFollowing(u, true);
    const now = clock.now().toISOString();
    const db = t.testDb.db.db;
    await db
      .insertInto("subscribers")
      .values({
        user_id: u.id,
        display_name: null,
        following: 1,
        follow_checked_at: now,
        followed_at: now,
        unfollowed_at: null,
        last_interaction_at: now,
        consent_version: "v",
        consent_text: "t",
        consent_at: now,
        province_code: "01",
        commune_code: "00004",
        topics: '["an-toan-mang","tin-chinh-quyen"]',
        news_enabled: 1,
        dialogue: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const deps = { repos: t.app.services.repos, oa: t.app.zalo.oa, clock };
    const s = { enabled: true, prefix: "ksc" };
    expect(await mirrorTags(deps, u.id, s)).toEqual({ added: 3, removed: 0 });
    expect([...u.tags].sort()).toEqual(["ksc-an-toan-mang", "ksc-tin-chinh-quyen", "ksc-xa-00004"]);
    expect(await mirrorTags(deps, u.id, s)).toEqual({ added: 0, removed: 0 });
    await db.updateTable("subscribers").set({ topics: '["an-toan-mang"]' }).where("user_id", "=", u.id).execute();
    expect(await mirrorTags(deps, u.id, s)).toEqual({ added: 0, removed: 1 });
    expect([...u.tags].sort()).toEqual(["ksc-an-toan-mang", "ksc-xa-00004"]);
    // Officials find the same people in OA Manager (getlist by tag_name).
    const tokens = (await t.app.inject({ url: "/sandbox/config" })).json();
    expect(tokens.oa_id).toBeTruthy();
    await db.updateTable("subscribers").set({ news_enabled: 0 }).where("user_id", "=", u.id).execute();
    expect(await mirrorTags(deps, u.id, s)).toEqual({ added: 0, removed: 2 });
    expect(u.tags.size).toBe(0);
  });
});
