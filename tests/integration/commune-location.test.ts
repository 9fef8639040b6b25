import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../bot-server/src/db/schema.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { CLI_ROLES } from "../../bot-server/src/services/admin/access.js";
import { grantRole } from "../../bot-server/src/services/admin/manage-roles.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { buttonsOf, oaConnected, say, sentTo, settle, userDoes } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const areas = loadAreas();
const [BA_DINH, NGOC_HA, HOAN_KIEM, DA_NANG_HAI_CHAU] = ["00004", "00008", "00070", areas.searchCommunes("phuong hai chau da nang", { limit: 1 })[0]!.code];

describe.each(DIALECTS)("a location shared in the chat offers the nearest communes, on %s", (dialect) => {
  const clock = manualClock(new Date("2026-12-01T02:00:00.000Z"));
  let t: TestApp;
  let official: { token: string; zaloUserId: string };
  const db = (): Kysely<Database> => t.testDb.db.db;
  const subscriber = (id: string) => db().selectFrom("subscribers").selectAll().where("user_id", "=", id).executeTakeFirstOrThrow();
  const put = (code: string, body: unknown, token = official.token) =>
    t.app.inject({ method: "PUT", url: `/api/v1/admin/communes/${code}/point`, headers: { authorization: `Bearer ${token}` }, payload: body as object });
  /** The sandbox's user_send_location (Zalo's shape: message.attachments[].payload.coordinates as strings). */
  async function sendLocation(user: string, latitude: number, longitude: number) {
    const before = (await sentTo(t.app, user)).length;
    const res = await t.app.inject({ method: "POST", url: `/sandbox/users/${user}/location`, payload: { latitude, longitude } });
    expect(res.statusCode, res.body).toBe(200);
    await settle(t.app);
    return (await sentTo(t.app, user)).slice(before);
  }
  async function consented(user: string) {
    await userDoes(t.app, user, "follow");
    await say(t.app, user, "#nhan-tin");
    await say(t.app, user, "#dong-y");
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
    // The sandbox's demo points are for trying it by hand; this test sets its own.
    await db().deleteFrom("commune_points").execute();
    official = await signInAs(t.app, 0);
    await grantRole(
      { repos: repositories(db(), t.testDb.db.dialect), areas, clock },
      { id: "cli:test", roles: CLI_ROLES },
      { zaloUserId: official.zaloUserId, role: "province_official", areaCode: "01" },
    );
  });
  afterAll(async () => t?.close());

  it("with no point near, the person is asked to type the commune's name", async () => {
    const user = "7700000000000000301";
    await consented(user);
    const replies = await sendLocation(user, 21.0362, 105.8352);
    expect(replies.map((r) => r.message.text)).toEqual(["Cảm ơn bạn. Hãy gõ tên xã/phường của bạn, ví dụ: phuong ba dinh ha noi."]);
    expect(JSON.parse((await subscriber(user)).dialogue!)).toMatchObject({ mode: "commune", candidates: [] });
  });

  it("an official of the province sets points (audited); bad coordinates are refused and change nothing", async () => {
    for (const [code, latitude, longitude] of [
      [BA_DINH, 21.0368, 105.8345],
      [NGOC_HA, 21.0405, 105.8197],
      [HOAN_KIEM, 21.0285, 105.8522],
    ] as const) {
      const res = await put(code, { latitude, longitude });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ communeCode: code, point: { latitude, longitude, source: "admin" } });
    }
    const before = await db().selectFrom("commune_points").selectAll().orderBy("commune_code").execute();
    for (const bad of [
      { latitude: 105.8345, longitude: 21.0368 },
      { latitude: "21.03", longitude: 105.83 },
      { latitude: 21.03 },
      { latitude: 21.03, longitude: 105.83, extra: 1 },
    ]) {
      const res = await put(BA_DINH, bad);
      expect(res.statusCode, res.body).toBe(400);
    }
    // Đà Nẵng is not in Hà Nội: the province official of 01 may not place it.
    const other = await put(DA_NANG_HAI_CHAU, { latitude: 16.07, longitude: 108.22 });
    expect({ status: other.statusCode, error: other.json().error }).toEqual({ status: 403, error: "forbidden_area" });
    const unknown = await put("99999", { latitude: 16.07, longitude: 108.22 });
    expect({ status: unknown.statusCode, error: unknown.json().error }).toEqual({ status: 400, error: "invalid_area" });
    expect(await db().selectFrom("commune_points").selectAll().orderBy("commune_code").execute()).toEqual(before);
    const audit = await db().selectFrom("audit_log").select(["actor", "action", "target"]).where("action", "=", "commune_point.set").orderBy("id").execute();
    expect(audit).toEqual([BA_DINH, NGOC_HA, HOAN_KIEM].map((c) => ({ actor: official.zaloUserId, action: "commune_point.set", target: `commune:${c}` })));
    const read = await t.app.inject({ url: `/api/v1/admin/communes/${NGOC_HA}/point`, headers: { authorization: `Bearer ${official.token}` } });
    expect(read.json()).toMatchObject({ communeName: "Phường Ngọc Hà, Thành phố Hà Nội", point: { latitude: 21.0405, longitude: 105.8197 } });
  });

  it("a resident near Ba Đình is offered the three nearest wards, nearest first; pressing one subscribes them to it", async () => {
    const user = "7700000000000000302";
    await consented(user);
    const [reply] = await sendLocation(user, 21.0362, 105.8352);
    expect(reply!.message.text).toContain("Gần vị trí bạn gửi");
    expect(buttonsOf(reply!).map((b) => b.payload)).toEqual([`#xa:${BA_DINH}`, `#xa:${NGOC_HA}`, `#xa:${HOAN_KIEM}`]); // ≈0.2, 1.7 and 2.0 km
    expect(reply!.message.text).toMatch(/1\. Phường Ba Đình, Thành phố Hà Nội \(khoảng \d+ m\)/);
    const [done] = await say(t.app, user, `#xa:${BA_DINH}`);
    expect(done!.message.text).toContain("Đã đăng ký nhận tin của Phường Ba Đình, Thành phố Hà Nội");
    // No topics picked before: a location subscribes to all of them, as "Tất cả chủ đề" would.
    expect(await subscriber(user)).toMatchObject({ commune_code: BA_DINH, province_code: "01", news_enabled: 1, dialogue: null });
    expect(JSON.parse((await subscriber(user)).topics).length).toBe(course.skills.length + 1);
  });

  it("a point outside the radius or outside Vietnam offers nothing; a location before consent asks for consent first", async () => {
    const far = "7700000000000000303";
    await consented(far);
    expect((await sendLocation(far, 21.3, 105.5)).map((r) => r.message.text)).toEqual([
      "Cảm ơn bạn. Hãy gõ tên xã/phường của bạn, ví dụ: phuong ba dinh ha noi.",
    ]); // ≈45 km away
    expect((await sendLocation(far, 48.85, 2.35)).map((r) => r.message.text)).toEqual([
      "Cảm ơn bạn. Hãy gõ tên xã/phường của bạn, ví dụ: phuong ba dinh ha noi.",
    ]);
    const early = "7700000000000000304";
    await userDoes(t.app, early, "follow");
    const [ask] = await sendLocation(early, 21.0362, 105.8352);
    expect(buttonsOf(ask!).map((b) => b.payload)).toEqual(["#dong-y", "#khong-dong-y"]);
    expect((await subscriber(early)).commune_code).toBeNull();
  });
});
