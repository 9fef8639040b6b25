import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { oaConnected, say, settle, userDoes } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const lesson = course.lessons[0]!;
const HOUR = 3600_000;
const BA_DINH = "00004";
const NGOC_HA = "00008";
/** Sandbox users: the Zalo id the mini app signs in with, and the same person as the OA's follower. */
const AN = { index: 0, follower: "7700000000000000001" };
const BINH = { index: 1, follower: "7700000000000000002" };
const CUONG = { index: 2, follower: "7700000000000000003" };
const OFFICIAL = { index: 4, zaloId: "5500000000000000005" };

describe.each(DIALECTS)("Tin mới: news held in the inbox, read in the app, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const token = { an: "", binh: "", cuong: "", official: "" };
  let home = "";

  const as = (who: string, method: "GET" | "POST", url: string, payload?: object) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${who}` } });
  const news = async (who: string) => {
    const res = await as(who, "GET", "/api/v1/me/news");
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: { campaignId: number; title: string; text: string; imageUrl: string | null; buttons: object[]; date: string; read: boolean }[];
      unread: number;
    };
  };
  const read = (who: string, campaignId: number | string) => as(who, "POST", `/api/v1/me/news/${campaignId}/read`);
  const deliveries = () => t.testDb.db.db.selectFrom("deliveries").selectAll().orderBy("id").execute();

  /** A campaign written and sent by the official; everyone's news waits in their inbox (last wrote 10 days ago). */
  async function sent(title: string, extra: object = {}, areaCode = BA_DINH): Promise<number> {
    const res = await as(token.official, "POST", "/api/v1/admin/campaigns", {
      title,
      text: `Nội dung của ${title}.`,
      topics: ["an-toan-mang"],
      areaCode,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as number;
    expect((await as(token.official, "POST", `/api/v1/admin/campaigns/${id}/send`)).statusCode).toBe(200);
    await settle(t.app);
    return id;
  }

  /** The person follows the OA in the sandbox, and is subscribed here to a commune; they last wrote long ago. */
  async function subscriber(follower: string, commune: string) {
    await userDoes(t.app, follower, "follow");
    const long = new Date(clock.now().getTime() - 240 * HOUR).toISOString();
    await t.testDb.db.db
      .updateTable("subscribers")
      .set({
        consent_version: "v",
        consent_text: "t",
        consent_at: long,
        province_code: "01",
        commune_code: commune,
        topics: '["an-toan-mang"]',
        news_enabled: 1,
        last_interaction_at: long,
        dialogue: null,
      })
      .where("user_id", "=", follower)
      .execute();
  }

  beforeAll(async () => {
    // An https address, as in production: campaign buttons take https links only.
    t = await createTestApp(dialect, { course, clock }, { PUBLIC_URL: "https://ksc.example.vn" });
    await t.app.ready();
    await oaConnected(t.app);
    home = t.app.links.home();
    await t.testDb.db.db
      .insertInto("roles")
      .values({ zalo_user_id: OFFICIAL.zaloId, role: "province_official", area_code: "01", granted_by: "test", granted_at: clock.now().toISOString() })
      .execute();
    token.an = (await signInAs(t.app, AN.index)).token;
    token.binh = (await signInAs(t.app, BINH.index)).token;
    token.cuong = (await signInAs(t.app, CUONG.index)).token;
    token.official = (await signInAs(t.app, OFFICIAL.index)).token;
    await subscriber(AN.follower, BA_DINH);
    await subscriber(BINH.follower, BA_DINH);
    await subscriber(CUONG.follower, NGOC_HA);
  });
  afterAll(async () => {
    await t.close();
  });

  let first = 0;
  let ngocHa = 0;

  it("lists the learner's held news with its text, image and buttons; a lesson button becomes an in-app lesson", async () => {
    expect(await news(token.an)).toEqual({ items: [], answers: [], unread: 0, missing: null });
    first = await sent("Cảnh báo lừa đảo", {
      imageUrl: "https://example.org/canh-bao.png",
      buttons: [
        { title: "Xem bài học", lessonId: lesson.id },
        { title: "Bài trong app", url: `${home}?lesson=${encodeURIComponent(lesson.id)}` },
        { title: "Dịch vụ công", url: "https://dichvucong.gov.vn" },
      ],
    });
    const mine = await news(token.an);
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      {
        campaignId: first,
        title: "Cảnh báo lừa đảo",
        text: "Nội dung của Cảnh báo lừa đảo.",
        imageUrl: "https://example.org/canh-bao.png",
        buttons: [
          { title: "Xem bài học", lessonId: lesson.id },
          { title: "Bài trong app", lessonId: lesson.id },
          { title: "Dịch vụ công", url: "https://dichvucong.gov.vn" },
        ],
        date: expect.any(String),
        read: false,
      },
    ]);
  });

  it("never shows another learner's news", async () => {
    ngocHa = await sent("Tin riêng Ngọc Hà", {}, NGOC_HA);
    expect((await news(token.cuong)).items.map((i) => i.title)).toEqual(["Tin riêng Ngọc Hà"]);
    expect((await news(token.an)).items.map((i) => i.title)).toEqual(["Cảnh báo lừa đảo"]);
    expect((await news(token.binh)).items.map((i) => i.title)).toEqual(["Cảnh báo lừa đảo"]);
    // Without a session there is nothing.
    expect((await t.app.inject({ url: "/api/v1/me/news" })).statusCode).toBe(401);
  });

  it("reading one in the app marks it read for that learner only, and the statistics and CSV count it", async () => {
    const res = await read(token.an, first);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ read: true });
    expect(await news(token.an)).toMatchObject({ unread: 0, items: [{ campaignId: first, read: true }] });
    expect(await news(token.binh)).toMatchObject({ unread: 1, items: [{ campaignId: first, read: false }] });
    // Again: nothing more happens.
    expect((await read(token.an, first)).statusCode).toBe(200);
    const stats = (await as(token.official, "GET", `/api/v1/admin/campaigns/${first}/stats`)).json();
    expect(stats).toMatchObject({ held: 1, readInApp: 1, sent: 0, done: true });
    const csv = (await as(token.official, "GET", `/api/v1/admin/campaigns/${first}/stats.csv`)).body;
    expect(csv).toContain(`held_in_inbox,${stats.held}\n`);
    expect(csv).toContain(`read_in_app,${stats.readInApp}\n`);
  });

  it("reading news that is not yours, not there or not a number is refused, and nothing changes", async () => {
    const before = await deliveries();
    for (const [who, id, status] of [
      [token.an, ngocHa, 404], // Cường's, not An's
      [token.an, 987654, 404], // no such campaign
      [token.cuong, first, 404], // Cường is not in Ba Đình
      [token.an, "abc", 400],
      [token.an, 0, 400],
    ] as const) {
      const res = await read(who, id);
      expect(res.statusCode, `${id}: ${res.body}`).toBe(status);
      expect(res.json().error).toBe(status === 404 ? "news_not_found" : "invalid_request");
    }
    expect((await t.app.inject({ method: "POST", url: `/api/v1/me/news/${first}/read` })).statusCode).toBe(401);
    expect(await deliveries()).toEqual(before);
  });

  it("the bot does not push news read in the app when the person next writes; unread news it does, and it leaves Tin mới", async () => {
    const an = await say(t.app, AN.follower, "xin chao");
    expect(an.filter((m) => m.message.text?.startsWith("Cảnh báo lừa đảo"))).toHaveLength(0);
    const binh = await say(t.app, BINH.follower, "xin chao");
    expect(binh.filter((m) => m.message.text?.startsWith("Cảnh báo lừa đảo"))).toHaveLength(1);
    expect(await news(token.binh)).toEqual({ items: [], answers: [], unread: 0, missing: null });
    // Read in the app after the bot sent it: it is no longer in the inbox.
    expect((await read(token.binh, first)).statusCode).toBe(404);
    expect((await as(token.official, "GET", `/api/v1/admin/campaigns/${first}/stats`)).json()).toMatchObject({ held: 0, readInApp: 1, sent: 1 });
  });

  it("a cancelled campaign's news leaves Tin mới and cannot be read", async () => {
    // Cường's news is held; the campaign is cancelled afterwards (it was done: cancelled here by hand, as before done).
    await t.testDb.db.db.updateTable("campaigns").set({ status: "cancelled" }).where("id", "=", ngocHa).execute();
    expect(await news(token.cuong)).toEqual({ items: [], answers: [], unread: 0, missing: null });
    expect((await read(token.cuong, ngocHa)).statusCode).toBe(404);
    // Nor does the bot send it when Cường writes.
    const replies = await say(t.app, CUONG.follower, "xin chao");
    expect(replies.filter((m) => m.message.text?.startsWith("Tin riêng Ngọc Hà"))).toHaveLength(0);
    expect((await t.testDb.db.db.selectFrom("deliveries").select("state").where("campaign_id", "=", ngocHa).execute()).map((r) => r.state)).toEqual([
      "cancelled",
    ]);
  });

  it("shows the newest 20, newest first, and counts every unread one", async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 22; i++) {
      const db = t.testDb.db.db;
      const now = clock.now().toISOString();
      const id = await t.app.services.repos.campaigns.insert({
        title: `Tin số ${i}`,
        content: JSON.stringify({ text: "…", imageUrl: null, buttons: [] }),
        area_code: BA_DINH,
        communes: "[]",
        topics: '["an-toan-mang"]',
        allow_paid: 0,
        budget_vnd: 0,
        use_promotion: 0,
        status: "done",
        created_by: OFFICIAL.zaloId,
        created_at: now,
        updated_at: now,
      });
      await db
        .insertInto("deliveries")
        .values({
          campaign_id: id,
          user_id: AN.follower,
          kind: "inbox",
          state: "held",
          zalo_message_id: null,
          error_code: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      ids.push(id);
    }
    const mine = await news(token.an);
    expect(mine.unread).toBe(22);
    expect(mine.items.map((i) => i.campaignId)).toEqual(ids.slice(-20).reverse());
  });

  it("a learner Zalo gave no follower id (the mini app not linked to the OA) has no news, is told why, and reads nothing", async () => {
    await t.testDb.db.db.updateTable("learners").set({ id_by_oa: null }).where("zalo_user_id", "=", "5500000000000000002").execute();
    const res = await t.app.inject({ url: "/api/v1/me/news", headers: { authorization: `Bearer ${token.binh}` } });
    expect(res.json()).toEqual({ items: [], answers: [], unread: 0, missing: "no_oa_link" });
    expect((await read(token.binh, first)).statusCode).toBe(404);
  });
});
