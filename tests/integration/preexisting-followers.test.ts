import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFollowers } from "../../bot-server/src/services/followers/import-followers.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { oaConnected, settle } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const HOUR = 3600_000;
const BA_DINH = "00004";
const FOLLOWERS = 12_000;
const ACTIVE = 3_000;
const id = (i: number) => `88${String(i).padStart(17, "0")}`;
const silentLog = { info: () => {}, warn: () => {} };

/**
 * The first real deployment on an OA in use for years (zalo-platform.md, "Followers"): its followers followed long
 * before this server existed and never send `follow`. Before step 5, planning took all of them for unfollowed;
 * now getlist (paged by last_interaction_period, count ≤ 50, offset ≤ 9,951) and user/detail say who follows.
 */
describe.each(DIALECTS)("an OA with 12,000 followers from before the server, on %s", (dialect) => {
  let t: TestApp;
  let token = "";
  const clock = manualClock(new Date("2025-06-02T03:00:00.000Z")); // 10:00 in Vietnam
  const api = (method: "GET" | "POST", url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await createTestApp(
      dialect,
      { course, clock },
      { ZALO_RATE_LIMIT_PER_MINUTE: "0", SANDBOX_FAULTS: JSON.stringify({ rateLimitPerMinute: 1_000_000_000, proactiveQuota: 5000 }) },
    );
    await t.app.ready();
    await oaConnected(t.app);
    const db = t.testDb.db.db;
    await db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: clock.now().toISOString() })
      .execute();
    token = (await signInAs(t.app, 0)).token;
    // In Zalo: 3,000 wrote to the OA within the last 6 days, the rest 40 days ago or more.
    t.app.sandbox!.world.seedPreexisting(0, FOLLOWERS, (i) => ({
      id: id(i),
      following: true,
      hoursSinceInteraction: i < ACTIVE ? i % 140 : 24 * 40 + (i % 500),
    }));
    // Here: each of them subscribed to Ba Đình's news in the chat, with no follow event on record.
    const now = clock.now().toISOString();
    for (let from = 0; from < FOLLOWERS; from += 1000) {
      await db
        .insertInto("subscribers")
        .values(
          Array.from({ length: 1000 }, (_, k) => ({
            user_id: id(from + k),
            display_name: null,
            following: 0,
            followed_at: null,
            unfollowed_at: null,
            last_interaction_at: null,
            consent_version: "v",
            consent_text: "t",
            consent_at: now,
            province_code: "01",
            commune_code: BA_DINH,
            topics: '["an-toan-mang"]',
            news_enabled: 1,
            dialogue: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const draft = { title: "Tin xã", text: "Lịch tiêm phòng tuần này.", topics: ["an-toan-mang"], areaCode: BA_DINH };

  it("before the import no one is called unfollowed for want of a follow event: they are 'unknown'", async () => {
    const id = (await api("POST", "/api/v1/admin/campaigns", draft)).json().id as number;
    const plan = (await api("GET", `/api/v1/admin/campaigns/${id}`)).json().plan;
    expect(plan).toMatchObject({ unknown: FOLLOWERS, excluded: { unfollowed: 0 } });
  });

  it("the import pages getlist by period and reaches every recent follower; one campaign then reaches all those Zalo's rules allow", async () => {
    const r = await importFollowers({ repos: t.app.services.repos, oa: t.app.zalo.oa, clock, log: silentLog });
    expect(r.lists.L7D).toEqual({ total: ACTIVE, listed: ACTIVE });
    expect(r.lists.L30D!.total).toBe(ACTIVE);
    // The plain list stops at offset 9,951 (pages of 50: the last starts at 9,950): 10,000 of 12,000 are listed; the others are checked before a campaign.
    expect(r.lists.ALL).toEqual({ total: FOLLOWERS, listed: 10_000 });
    expect(r.unreachable).toBe(FOLLOWERS - 10_000);
    expect(await t.app.services.repos.oaState.get("followers_import")).toMatchObject({ value: { followers: 10_000 } });

    const id = (await api("POST", "/api/v1/admin/campaigns", draft)).json().id as number;
    const plan = (await api("GET", `/api/v1/admin/campaigns/${id}`)).json().plan;
    expect(plan.unknown).toBe(FOLLOWERS - 10_000);
    expect(plan.free + plan.quota).toBe(ACTIVE);
    expect(plan.excluded.unfollowed).toBe(0);

    expect((await api("POST", `/api/v1/admin/campaigns/${id}/send`)).statusCode).toBe(200);
    await settle(t.app);
    const stats = (await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json();
    expect(stats).toMatchObject({ sent: ACTIVE, held: FOLLOWERS - ACTIVE, failed: 0, done: true });
    const tally = (await t.app.inject({ method: "POST", url: "/sandbox/tally", payload: { textPrefix: "Tin xã" } })).json();
    expect(tally).toEqual({ recipients: ACTIVE, messages: ACTIVE, duplicates: 0 });
    // The plan never promises more free replies than Zalo counts: Zalo gives the last interaction as a date, and
    // planning takes its start (those who wrote later that day were free after all; they came out of no quota).
    expect(stats.byQuotaType.reply + stats.byQuotaType.sub_quota).toBe(ACTIVE);
    expect(stats.byQuotaType.reply).toBeGreaterThanOrEqual(plan.free);
    expect(stats.byQuotaType.sub_quota).toBeLessThanOrEqual(plan.quota);
    expect(stats).toMatchObject({ plannedCostVnd: 0, costVnd: 0 });
    // Those whose date left it open whether they were still in their free 48 h were asked (v3 quota/message) for
    // the exact time, so none of the free ones took from the OA's quota: every reply Zalo counted free was planned so.
    // The people getlist could not reach were asked about with user/detail when the campaign was planned.
    const unknownLeft = await t.testDb.db.db.selectFrom("subscribers").select("user_id").where("follow_checked_at", "is", null).execute();
    expect(unknownLeft).toEqual([]);
  }, 240_000);
});

describe.each(DIALECTS)("Zalo's quota and money on %s", (dialect) => {
  let t: TestApp;
  let token = "";
  const clock = manualClock(new Date("2025-06-02T03:00:00.000Z"));
  const api = (method: "GET" | "POST", url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${token}` } });
  const faults = (f: object) => t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: f });

  async function follower(uid: string, hoursAgo: number) {
    const world = t.app.sandbox!.world;
    const u = world.addUser(uid);
    world.setFollowing(u, true);
    u.lastInteractionAt = clock.now().getTime() - hoursAgo * HOUR;
    const at = new Date(clock.now().getTime() - hoursAgo * HOUR).toISOString();
    await t.testDb.db.db
      .insertInto("subscribers")
      .values({
        user_id: uid,
        display_name: null,
        following: 1,
        follow_checked_at: at,
        followed_at: at,
        unfollowed_at: null,
        last_interaction_at: at,
        consent_version: "v",
        consent_text: "t",
        consent_at: at,
        province_code: "01",
        commune_code: BA_DINH,
        topics: '["an-toan-mang"]',
        news_enabled: 1,
        dialogue: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock }, { OA_PROMOTION_ELIGIBLE: "true", PROMOTION_MESSAGE_VND: "300" });
    await t.app.ready();
    await oaConnected(t.app);
    await t.testDb.db.db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: clock.now().toISOString() })
      .execute();
    token = (await signInAs(t.app, 0)).token;
    for (let i = 0; i < 5; i++) await follower(`771000000000000000${i}`, 72); // 48 h–7 days: proactive
  });
  afterAll(async () => {
    await t.close();
  });

  it("running out of quota holds the deliveries for the inbox (never fails them), and the rest wait without asking Zalo", async () => {
    // Planning sees 2 left in the quota and is allowed to buy; Zalo Cloud has no money: the bought ones get -211.
    await faults({ proactiveQuota: 2, cloudBalanceVnd: 0 });
    const res = await api("POST", "/api/v1/admin/campaigns", {
      title: "Hết hạn mức",
      text: "Tin.",
      topics: ["an-toan-mang"],
      areaCode: BA_DINH,
      allowPaid: true,
      budgetVnd: 10_000,
    });
    const id = res.json().id as number;
    const plan = (await api("GET", `/api/v1/admin/campaigns/${id}`)).json().plan;
    expect(plan).toMatchObject({ quota: 2, paid: 3, quotaRemaining: 2, estimatedCostVnd: 3 * 55 });
    const calls = t.app.sandbox!.world.quota.calls;
    await api("POST", `/api/v1/admin/campaigns/${id}/send`);
    await settle(t.app);
    const stats = (await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json();
    expect(stats).toMatchObject({ sent: 2, held: 3, heldForQuota: 3, failed: 0, done: true, byQuotaType: { sub_quota: 2 }, plannedCostVnd: 165, costVnd: 0 });
    // One refusal is enough: after it the others are held without a call each (a quota read, the sends, one -211).
    expect(t.app.sandbox!.world.quota.calls - calls).toBeLessThanOrEqual(1 + 2 + 2 + 1);
    expect((await api("GET", `/api/v1/admin/campaigns/${id}/stats.csv`)).body).toContain("held_for_quota,3\n");
  });

  it("a promotion goes as Zalo's promotion template (banner, header, text, buttons) and is accepted", async () => {
    clock.advanceMinutes(20); // past the memory of the quota refusal
    await faults({ promotionEnabled: true, proactiveQuota: 0, cloudBalanceVnd: 1_000_000, promotionPriceVnd: 300 });
    await follower("7710000000000000099", 24 * 20); // beyond 7 days: only a promotion reaches them
    const res = await api("POST", "/api/v1/admin/campaigns", {
      title: "Khuyến mãi số",
      text: "Nội dung.",
      imageUrl: "https://example.vn/a.jpg",
      buttons: [{ title: "Học ngay", url: "https://example.vn/hoc" }],
      topics: ["an-toan-mang"],
      areaCode: BA_DINH,
      usePromotion: true,
    });
    const id = res.json().id as number;
    const detail = (await api("GET", `/api/v1/admin/campaigns/${id}`)).json();
    expect(detail.promotion.attachment.payload).toMatchObject({
      template_type: "promotion",
      elements: [{ type: "banner" }, { type: "header", content: "Khuyến mãi số" }, { type: "text", content: "Nội dung." }],
      buttons: [{ type: "oa.open.url" }],
    });
    await api("POST", `/api/v1/admin/campaigns/${id}/send`);
    await settle(t.app);
    const stats = (await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json();
    expect(stats).toMatchObject({ sent: 6, failed: 0, byQuotaType: { purchase_quota: 6 }, costVnd: 6 * 300 });
    const got = (await t.app.inject({ url: "/sandbox/messages?user_id=7710000000000000099" })).json() as { kind: string }[];
    expect(got.map((m) => m.kind)).toEqual(["promotion"]);
  });

  it("someone Zalo dated only to the day is asked about exactly before planning: still free, not taken from the quota", async () => {
    clock.advanceMinutes(20);
    await faults({ promotionEnabled: false, proactiveQuota: 0, cloudBalanceVnd: 0 });
    const uid = "7710000000000000077";
    const world = t.app.sandbox!.world;
    const u = world.addUser(uid);
    world.setFollowing(u, true);
    u.lastInteractionAt = clock.now().getTime() - 30 * HOUR; // 30 hours ago: free
    // What user/detail left us: the start of a day more than 48 hours ago.
    const dayStart = new Date(clock.now().getTime() - 60 * HOUR).toISOString();
    await t.testDb.db.db
      .insertInto("subscribers")
      .values({
        user_id: uid,
        display_name: null,
        following: 1,
        follow_checked_at: dayStart,
        followed_at: null,
        unfollowed_at: null,
        last_interaction_at: dayStart,
        interaction_is_date: 1,
        consent_version: "v",
        consent_text: "t",
        consent_at: dayStart,
        province_code: "01",
        commune_code: BA_DINH,
        topics: '["thanh-toan"]',
        news_enabled: 1,
        dialogue: null,
        created_at: dayStart,
        updated_at: dayStart,
      })
      .execute();
    const res = await api("POST", "/api/v1/admin/campaigns", { title: "Chỉ một người", text: "Tin.", topics: ["thanh-toan"], areaCode: BA_DINH });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;
    // The preview does not ask: on the date alone the person is past 48 h, and with no quota left waits.
    expect((await api("GET", `/api/v1/admin/campaigns/${id}`)).json().plan).toMatchObject({ free: 0, waitingForQuota: 1 });
    await api("POST", `/api/v1/admin/campaigns/${id}/send`);
    await settle(t.app);
    const row = await t.testDb.db.db.selectFrom("deliveries").select(["kind", "state", "quota_type"]).where("campaign_id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: "cs", state: "sent", quota_type: "reply" });
    expect(
      await t.testDb.db.db
        .selectFrom("subscribers")
        .select(["interaction_is_date", "last_interaction_at"])
        .where("user_id", "=", uid)
        .executeTakeFirstOrThrow(),
    ).toEqual({ interaction_is_date: 0, last_interaction_at: new Date(u.lastInteractionAt).toISOString() });
  });
});
