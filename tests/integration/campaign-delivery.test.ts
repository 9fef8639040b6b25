import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { APPROVAL_MIN_COMMUNES } from "../../shared/lib/campaign-rules.js";
import { STALE_SENDING_MS } from "../../bot-server/src/services/campaigns/send-delivery.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { oaConnected, say, sentTo, settle } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const HOUR = 3600_000;

describe.each(DIALECTS)("sending a campaign on %s", (dialect) => {
  let t: TestApp;
  let token = "";
  // 09:00 in Vietnam: daytime.
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const api = (method: "GET" | "POST", url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${token}` } });

  /** A follower known both to the sandbox (as Zalo) and to the server (subscribed to Ba Đình, topic an-toan-mang). */
  async function follower(id: string, hoursAgo: number, followsInZalo = true) {
    const world = t.app.sandbox!.world;
    const u = world.addUser(id);
    u.following = followsInZalo;
    u.lastInteractionAt = clock.now().getTime() - hoursAgo * HOUR;
    const at = new Date(clock.now().getTime() - hoursAgo * HOUR).toISOString();
    await t.testDb.db.db
      .insertInto("subscribers")
      .values({
        user_id: id,
        display_name: null,
        following: 1,
        followed_at: at,
        unfollowed_at: null,
        last_interaction_at: at,
        consent_version: "v",
        consent_text: "t",
        consent_at: at,
        province_code: "01",
        commune_code: "00004",
        topics: '["an-toan-mang"]',
        news_enabled: 1,
        dialogue: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  async function newCampaign(title: string): Promise<number> {
    const res = await api("POST", "/api/v1/admin/campaigns", {
      title,
      text: "Không ai gọi điện bắt bạn kích hoạt VNeID.",
      topics: ["an-toan-mang"],
      areaCode: "00004",
    });
    expect(res.statusCode).toBe(200);
    return res.json().id as number;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
    await t.testDb.db.db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: clock.now().toISOString() })
      .execute();
    token = (await signInAs(t.app, 0)).token;
    await follower("7700000000000000401", 2); // free window
    await follower("7700000000000000402", 30); // free window
    await follower("7700000000000000403", 24 * 8); // older than 7 days: Zalo refuses cs (-230) → inbox
    await follower("7700000000000000404", 1, false); // unfollowed in Zalo, not yet known here → Zalo says -213 → inbox
  });
  afterAll(async () => {
    await t.close();
  });

  it("delivers to everyone within the rules exactly once, holds the rest in inboxes, and the numbers add up", async () => {
    const id = await newCampaign("Cảnh báo 1");
    expect((await api("POST", `/api/v1/admin/campaigns/${id}/send`)).statusCode).toBe(200);
    await settle(t.app);
    const stats = (await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json();
    expect(stats).toMatchObject({ planned: 0, sending: 0, sent: 2, held: 2, failed: 0, cancelled: 0, costVnd: 0, done: true });
    expect(stats.received).toBe(2);
    for (const u of ["7700000000000000401", "7700000000000000402"]) {
      expect((await sentTo(t.app, u)).filter((m) => m.message.text?.startsWith("Cảnh báo 1"))).toHaveLength(1);
    }
    expect((await sentTo(t.app, "7700000000000000403")).length).toBe(0);
    // Sending again is refused: a campaign goes out once.
    expect((await api("POST", `/api/v1/admin/campaigns/${id}/send`)).statusCode).toBe(409);
    // Every delivery is settled (sent or held): the campaign is done, and a done campaign cannot be cancelled.
    expect((await api("GET", `/api/v1/admin/campaigns/${id}`)).json().status).toBe("done");
    const cancel = await api("POST", `/api/v1/admin/campaigns/${id}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ error: "campaign_finished" });
    expect((await api("GET", `/api/v1/admin/campaigns/${id}`)).json().status).toBe("done");
    // The CSV has the same numbers as the screen.
    const csv = (await api("GET", `/api/v1/admin/campaigns/${id}/stats.csv`)).body;
    expect(csv).toContain(`sent,${stats.sent}\n`);
    expect(csv).toContain(`held_in_inbox,${stats.held}\n`);
    expect(csv).toContain(`received,${stats.received}\n`);
  });

  it("news held in the inbox is delivered by the bot the next time the person writes", async () => {
    const u = "7700000000000000403";
    const replies = await say(t.app, u, "xin chao");
    expect(replies.map((m) => m.message.text ?? "")).toEqual([expect.stringMatching(/^Cảnh báo 1/), expect.stringMatching(/Bạn muốn làm gì/)]);
    // Delivered once: writing again brings no repeat.
    const again = await say(t.app, u, "xin chao");
    expect(again.map((m) => m.message.text ?? "").filter((x) => x.startsWith("Cảnh báo 1"))).toHaveLength(0);
  });

  it("cancelling stops the deliveries not yet under way", async () => {
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: { errorRate: 1, errorCode: -32 } });
    const id = await newCampaign("Cảnh báo 2");
    await api("POST", `/api/v1/admin/campaigns/${id}/send`);
    await settle(t.app);
    const cancelled = await api("POST", `/api/v1/admin/campaigns/${id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    // All four are within 48 hours now (403 wrote to the OA in the test above); each keeps failing with -32.
    expect(cancelled.json().stopped).toBe(4);
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: { errorRate: 0 } });
    clock.advanceMinutes(30);
    await settle(t.app);
    const stats = (await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json();
    expect(stats).toMatchObject({ sent: 0, cancelled: 4, planned: 0, sending: 0 });
    expect((await api("GET", `/api/v1/admin/campaigns/${id}`)).json().status).toBe("cancelled");
    for (const u of ["7700000000000000401", "7700000000000000402"]) {
      expect((await sentTo(t.app, u)).filter((m) => m.message.text?.startsWith("Cảnh báo 2"))).toHaveLength(0);
    }
  });

  it("a province-wide campaign waits for a second official's approval", async () => {
    const res = await api("POST", "/api/v1/admin/campaigns", { title: "Cảnh báo tỉnh", text: "Tin cho cả tỉnh.", topics: ["an-toan-mang"], areaCode: "01" });
    const id = res.json().id as number;
    expect((await api("POST", `/api/v1/admin/campaigns/${id}/send`)).json()).toEqual({ status: "awaiting_approval" });
    await settle(t.app);
    expect((await sentTo(t.app, "7700000000000000401")).filter((m) => m.message.text?.startsWith("Cảnh báo tỉnh"))).toHaveLength(0);
    // The one who sent it cannot approve it.
    const self = await api("POST", `/api/v1/admin/campaigns/${id}/approve`);
    expect(self.statusCode).toBe(403);
    await t.testDb.db.db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000002", role: "province_official", area_code: "01", granted_by: "test", granted_at: clock.now().toISOString() })
      .execute();
    const second = (await signInAs(t.app, 1)).token;
    const approved = await t.app.inject({ method: "POST", url: `/api/v1/admin/campaigns/${id}/approve`, headers: { authorization: `Bearer ${second}` } });
    expect(approved.json()).toEqual({ status: "sending" });
    await settle(t.app);
    expect((await sentTo(t.app, "7700000000000000401")).filter((m) => m.message.text?.startsWith("Cảnh báo tỉnh"))).toHaveLength(1);
    const [entry] = await t.testDb.db.db.selectFrom("audit_log").selectAll().where("action", "=", "campaign.approve").execute();
    expect(entry).toMatchObject({ actor: "5500000000000000002", target: `campaign:${id}` });
  });

  it("approval follows the reach: every commune of the province listed one by one, or ten of them, still waits for a second official", async () => {
    const hanoi = loadAreas()
      .communes.filter((c) => c.provinceCode === "01")
      .map((c) => c.code);
    const send = async (communes: string[]) => {
      const id = (
        await api("POST", "/api/v1/admin/campaigns", { title: "Theo xã", text: "Tin cho nhiều xã.", topics: ["thanh-toan"], areaCode: "01", communes })
      ).json().id as number;
      return (await api("POST", `/api/v1/admin/campaigns/${id}/send`)).json();
    };
    expect(await send(hanoi)).toEqual({ status: "awaiting_approval" });
    expect(await send(hanoi.slice(0, APPROVAL_MIN_COMMUNES))).toEqual({ status: "awaiting_approval" });
    // The same commune repeated does not reach further.
    expect(await send([...hanoi.slice(0, APPROVAL_MIN_COMMUNES - 1), hanoi[0]!])).toEqual({ status: "sending" });
    await settle(t.app);
  });

  it("a campaign with no one to push to (everyone's news waits in the inbox, or no one is in the audience) is done at once", async () => {
    const res = await api("POST", "/api/v1/admin/campaigns", {
      title: "Không ai",
      text: "Tin cho chủ đề không ai đăng ký.",
      topics: ["thanh-toan"],
      areaCode: "00004",
    });
    const id = res.json().id as number;
    expect((await api("POST", `/api/v1/admin/campaigns/${id}/send`)).json()).toEqual({ status: "sending" });
    await settle(t.app);
    expect((await api("GET", `/api/v1/admin/campaigns/${id}`)).json().status).toBe("done");
    expect((await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json()).toMatchObject({ sent: 0, held: 0, done: true });
    expect((await api("POST", `/api/v1/admin/campaigns/${id}/cancel`)).statusCode).toBe(409);
  });

  it("sends at the chosen time, not before; a time in the past or too far ahead is refused", async () => {
    const res = await api("POST", "/api/v1/admin/campaigns", { title: "Hẹn giờ", text: "Tin gửi sau.", topics: ["an-toan-mang"], areaCode: "00004" });
    const id = res.json().id as number;
    const bad = await api("POST", `/api/v1/admin/campaigns/${id}/send`, { at: new Date(clock.now().getTime() - 3 * HOUR).toISOString() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: "invalid_time" });
    const at = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    expect((await api("POST", `/api/v1/admin/campaigns/${id}/send`, { at })).json()).toEqual({ status: "scheduled" });
    await settle(t.app);
    expect((await sentTo(t.app, "7700000000000000402")).filter((m) => m.message.text?.startsWith("Hẹn giờ"))).toHaveLength(0);
    clock.advanceMinutes(121);
    await settle(t.app);
    expect((await sentTo(t.app, "7700000000000000402")).filter((m) => m.message.text?.startsWith("Hẹn giờ"))).toHaveLength(1);
  });

  it("a delivery caught mid-send by a crash is sent again to complete the campaign, and counted as in flight", async () => {
    token = (await signInAs(t.app, 0)).token; // the clock has moved past the first session's two hours
    const res = await api("POST", "/api/v1/admin/campaigns", { title: "Sau sự cố", text: "Tin sau sự cố.", topics: ["an-toan-mang"], areaCode: "00004" });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;
    await api("POST", `/api/v1/admin/campaigns/${id}/send`);
    await settle(t.app);
    const beforeRes = await api("GET", `/api/v1/admin/campaigns/${id}/stats`);
    expect(beforeRes.statusCode, beforeRes.body).toBe(200);
    const before = beforeRes.json();
    expect(before.inFlightAtCrash).toBe(0);
    // As if the process died after Zalo took the message and before the row said so: the row is still "sending",
    // and its job comes back once the dead process's lease runs out.
    const db = t.testDb.db.db;
    const [row] = await db.selectFrom("deliveries").select(["id", "user_id"]).where("campaign_id", "=", id).where("state", "=", "sent").limit(1).execute();
    await db.updateTable("deliveries").set({ state: "sending", updated_at: clock.now().toISOString() }).where("id", "=", row!.id).execute();
    await t.app.jobs.add("delivery", { deliveryId: Number(row!.id) }, { key: `delivery:${row!.id}` });
    await settle(t.app);
    // Lately "sending" may be another sender still at work: the job looks again once the row is stale.
    expect((await sentTo(t.app, row!.user_id)).filter((m) => m.message.text?.startsWith("Sau sự cố"))).toHaveLength(1);
    expect((await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json()).toMatchObject({ sending: 1, inFlightAtCrash: 0, done: false });
    clock.advanceMinutes((STALE_SENDING_MS + 2000) / 60_000);
    await settle(t.app);
    const after = (await api("GET", `/api/v1/admin/campaigns/${id}/stats`)).json();
    expect(after).toMatchObject({ sent: before.sent, inFlightAtCrash: 1, done: true });
    expect((await sentTo(t.app, row!.user_id)).filter((m) => m.message.text?.startsWith("Sau sự cố"))).toHaveLength(2);
    expect((await api("GET", `/api/v1/admin/campaigns/${id}/stats.csv`)).body).toContain("in_flight_at_crash,1\n");
  });
});
