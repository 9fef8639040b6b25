import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";

const course = loadCourseOrThrow();
const BA_DINH = "00004";
const NGOC_HA = "00008";
const HCM_COMMUNE = "25747";
const HOUR = 3600_000;

describe.each(DIALECTS)("campaigns: compose, preview and plan on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const tokens: string[] = [];
  const base = { title: "Cảnh báo lừa đảo", text: "Không ai gọi điện bắt bạn kích hoạt VNeID.", topics: ["an-toan-mang"] };
  const post = (token: string, url: string, payload: object) => t.app.inject({ method: "POST", url, payload, headers: { authorization: `Bearer ${token}` } });
  const get = (token: string, url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
  const counts = async () => ({
    campaigns: (await t.testDb.db.db.selectFrom("campaigns").select("id").execute()).length,
    audit: (await t.testDb.db.db.selectFrom("audit_log").select("id").execute()).length,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    const now = clock.now().getTime();
    const db = t.testDb.db.db;
    await db
      .insertInto("roles")
      .values([
        { zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: clock.now().toISOString() },
        { zalo_user_id: "5500000000000000002", role: "province_official", area_code: "01", granted_by: "test", granted_at: clock.now().toISOString() },
        { zalo_user_id: "5500000000000000003", role: "commune_official", area_code: BA_DINH, granted_by: "test", granted_at: clock.now().toISOString() },
      ])
      .execute();
    const sub = (id: string, commune: string, province: string, hoursAgo: number | null, o: { following?: number; news?: number; topics?: string[] } = {}) => ({
      user_id: id,
      display_name: null,
      following: o.following ?? 1,
      followed_at: null,
      unfollowed_at: null,
      last_interaction_at: hoursAgo === null ? null : new Date(now - hoursAgo * HOUR).toISOString(),
      consent_version: "v",
      consent_text: "t",
      consent_at: clock.now().toISOString(),
      province_code: province,
      commune_code: commune,
      topics: JSON.stringify(o.topics ?? ["an-toan-mang"]),
      news_enabled: o.news ?? 1,
      dialogue: null,
      created_at: clock.now().toISOString(),
      updated_at: clock.now().toISOString(),
    });
    await db
      .insertInto("subscribers")
      .values([
        sub("s01", BA_DINH, "01", 1), // free
        sub("s02", BA_DINH, "01", 47), // free
        sub("s03", BA_DINH, "01", 72), // 48 h–7 days
        sub("s04", BA_DINH, "01", 100), // 48 h–7 days
        sub("s05", BA_DINH, "01", 24 * 10), // older than 7 days
        sub("s06", BA_DINH, "01", null), // never wrote
        { ...sub("s07", BA_DINH, "01", 1, { following: 0 }), unfollowed_at: clock.now().toISOString(), follow_checked_at: clock.now().toISOString() }, // unfollowed (an event said so)
        sub("s12", BA_DINH, "01", 1, { following: 0 }), // subscribed in the chat, no follow on record: unknown, not "unfollowed"
        sub("s08", BA_DINH, "01", 1, { news: 0 }), // said Hủy
        sub("s09", BA_DINH, "01", 1, { topics: ["thanh-toan"] }), // another topic
        sub("s10", NGOC_HA, "01", 1), // same province, other commune
        sub("s11", HCM_COMMUNE, "79", 1), // other province
      ])
      .execute();
    for (let i = 0; i < 4; i++) tokens.push((await signInAs(t.app, i)).token);
  });
  afterAll(async () => {
    await t.close();
  });

  it("plans a commune campaign within Zalo's rules: free within 48 h, the rest in inboxes, and who is excluded", async () => {
    const created = await post(tokens[2]!, "/api/v1/admin/campaigns", { ...base, areaCode: BA_DINH });
    expect(created.statusCode).toBe(200);
    const res = await get(tokens[2]!, `/api/v1/admin/campaigns/${created.json().id}`);
    expect(res.statusCode).toBe(200);
    // 48 h–7 days: proactive, from the OA's quota (the sandbox's package has 2,000 left).
    expect(res.json().plan).toEqual({
      free: 2,
      quota: 2,
      paid: 0,
      promotion: 0,
      inbox: 2,
      waitingForQuota: 0,
      unknown: 1,
      excluded: { unfollowed: 1, unsubscribed: 2, outsideArea: 2 },
      estimatedCostVnd: 0,
      messagesPerPerson: 1,
      quotaRemaining: 2000,
    });
  });

  it("with the OA's quota spent, counts paid messages only when allowed and within the budget (55 VND each); the rest wait", async () => {
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: { proactiveQuota: 0 } });
    clock.advanceMinutes(2); // the quota is read again (at most once a minute)
    const created = await post(tokens[1]!, "/api/v1/admin/campaigns", { ...base, areaCode: "01", allowPaid: true, budgetVnd: 60 });
    const plan = (await get(tokens[1]!, `/api/v1/admin/campaigns/${created.json().id}`)).json().plan;
    // Province 01: Ba Đình's six plus Ngọc Hà's one; budget for one paid message, the other waits in the inbox.
    expect(plan).toEqual({
      free: 3,
      quota: 0,
      paid: 1,
      promotion: 0,
      inbox: 3,
      waitingForQuota: 1,
      unknown: 1,
      excluded: { unfollowed: 1, unsubscribed: 2, outsideArea: 1 },
      estimatedCostVnd: 55,
      messagesPerPerson: 1,
      quotaRemaining: 0,
    });
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: { proactiveQuota: 2000 } });
  });

  it("targets chosen communes inside a province", async () => {
    const created = await post(tokens[1]!, "/api/v1/admin/campaigns", { ...base, areaCode: "01", communes: [NGOC_HA] });
    const plan = (await get(tokens[1]!, `/api/v1/admin/campaigns/${created.json().id}`)).json().plan;
    expect(plan).toMatchObject({ free: 1, inbox: 0, excluded: { outsideArea: 11 } });
  });

  it("previews exactly the messages Zalo will get: title and text, with lesson buttons as mini app links", async () => {
    const res = await post(tokens[0]!, "/api/v1/admin/campaigns/preview", {
      ...base,
      areaCode: "79",
      imageUrl: "https://example.gov.vn/canh-bao.png",
      buttons: [
        { title: "Học bài này", lessonId: "lien-ket-gia-vneid" },
        { title: "Xem thêm", url: "https://example.gov.vn/tin" },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().messages).toEqual([
      {
        attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: "https://example.gov.vn/canh-bao.png" }] } },
      },
      {
        text: `${base.title}\n\n${base.text}`,
        attachment: {
          type: "template",
          payload: {
            buttons: [
              { type: "oa.open.url", title: "Học bài này", payload: { url: "http://localhost:3000/zapps/3100000000000000002/?lesson=lien-ket-gia-vneid" } },
              { type: "oa.open.url", title: "Xem thêm", payload: { url: "https://example.gov.vn/tin" } },
            ],
          },
        },
      },
    ]);
  });

  it("writes the creation to the audit log", async () => {
    const before = await counts();
    const created = await post(tokens[2]!, "/api/v1/admin/campaigns", { ...base, areaCode: BA_DINH });
    expect(await counts()).toEqual({ campaigns: before.campaigns + 1, audit: before.audit + 1 });
    const [entry] = await t.testDb.db.db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(1).execute();
    expect(entry).toMatchObject({ actor: "5500000000000000003", action: "campaign.create", target: `campaign:${created.json().id}`, area_code: BA_DINH });
  });

  it.each([
    ["a commune official, another commune", 2, { areaCode: NGOC_HA }, 403, "forbidden_area"],
    ["a commune official, their province", 2, { areaCode: "01" }, 403, "forbidden_area"],
    ["a province official, another province", 1, { areaCode: "79" }, 403, "forbidden_area"],
    ["someone without a role", 3, { areaCode: BA_DINH }, 403, "not_an_official"],
    ["a commune outside the province", 1, { areaCode: "01", communes: [HCM_COMMUNE] }, 400, "commune_outside_area"],
    ["an unknown area", 0, { areaCode: "99999" }, 400, "invalid_area"],
    ["markup in the text", 0, { areaCode: "01", text: "Bấm <a href='x'>đây</a>" }, 400, "invalid_request"],
    ["an http link", 0, { areaCode: "01", buttons: [{ title: "Xem", url: "http://example.gov.vn" }] }, 400, "invalid_request"],
    ["six buttons", 0, { areaCode: "01", buttons: Array.from({ length: 6 }, () => ({ title: "Xem", url: "https://example.gov.vn" })) }, 400, "invalid_request"],
    ["title and text over 2,000 characters", 0, { areaCode: "01", text: "a ".repeat(995) + "b" }, 400, "invalid_request"],
    ["an unknown topic", 0, { areaCode: "01", topics: ["bong-da"] }, 400, "unknown_topic"],
    ["an unknown lesson", 0, { areaCode: "01", buttons: [{ title: "Học", lessonId: "khong-co-bai-nay" }] }, 400, "lesson_not_found"],
  ])("refuses %s, and stores nothing", async (_name, who, patch, status, code) => {
    const before = await counts();
    const res = await post(tokens[who as number]!, "/api/v1/admin/campaigns", { ...base, ...(patch as object) });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: code });
    expect(await counts()).toEqual(before);
  });

  it("an official cannot read a campaign of another area (403); a missing one is 404", async () => {
    const created = await post(tokens[0]!, "/api/v1/admin/campaigns", { ...base, areaCode: "79" });
    expect((await get(tokens[2]!, `/api/v1/admin/campaigns/${created.json().id}`)).statusCode).toBe(403);
    expect((await get(tokens[1]!, `/api/v1/admin/campaigns/${created.json().id}`)).statusCode).toBe(403);
    expect((await get(tokens[0]!, `/api/v1/admin/campaigns/${created.json().id}`)).statusCode).toBe(200);
    expect((await get(tokens[0]!, "/api/v1/admin/campaigns/999999")).statusCode).toBe(404);
  });
});
