import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { CLI_ROLES } from "../../bot-server/src/services/admin/access.js";
import { grantRole } from "../../bot-server/src/services/admin/manage-roles.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { oaConnected, say, settle, userDoes } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const areas = loadAreas();
const BA_DINH = "00004";

/**
 * Text no person writes (NUL, controls, broken surrogates), hidden and direction-changing characters in names and
 * titles, and phone or ID numbers in any disguise: refused at the edge or cleaned, the same on both databases.
 * (Before: NUL gave 500 on PostgreSQL and a webhook event carrying one was retried 20 times and never answered.)
 */
describe.each(DIALECTS)("unsafe text on %s", (dialect) => {
  const clock = manualClock(new Date("2026-12-01T02:00:00.000Z"));
  let t: TestApp;
  const u: { token: string; learnerId: string; zaloUserId: string }[] = [];
  let teamId = 0;
  const db = () => t.testDb.db.db;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: number, payload?: unknown) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${u[who]!.token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const rows = async () => ({
    teams: await db().selectFrom("teams").selectAll().orderBy("id").execute(),
    visits: await db().selectFrom("visits").selectAll().orderBy("id").execute(),
    campaigns: await db().selectFrom("campaigns").selectAll().orderBy("id").execute(),
    members: await db().selectFrom("team_members").selectAll().orderBy("id").execute(),
  });
  async function refused(res: () => Promise<LightMyRequestResponse>, code: string) {
    const before = await rows();
    const r = await res();
    expect({ status: r.statusCode, error: r.json().error }, r.body).toEqual({ status: 400, error: code });
    expect(r.json().message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    expect(await rows()).toEqual(before);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
    for (let i = 0; i < 2; i++) u.push(await signInAs(t.app, i));
    await grantRole(
      { repos: repositories(db(), t.testDb.db.dialect), areas, clock },
      { id: "cli:test", roles: CLI_ROLES },
      { zaloUserId: u[0]!.zaloUserId, role: "commune_official", areaCode: BA_DINH },
    );
    const team = await call("POST", "/api/v1/admin/teams", 0, { communeCode: BA_DINH, name: "Tổ 5" });
    teamId = team.json().id;
    const code = (await call("POST", `/api/v1/teams/${teamId}/invites`, 0)).json().code;
    expect((await call("POST", "/api/v1/teams/join", 1, { code })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it("NUL in a team name, a household label, a learner id in the path or a query is refused with 400, nothing stored", async () => {
    await refused(() => call("POST", "/api/v1/admin/teams", 0, { communeCode: BA_DINH, name: "Tổ\u00005" }), "invalid_characters");
    await refused(
      () => call("POST", "/api/v1/me/visits", 1, { id: randomUUID(), household: "Nhà\u0000 bác Tư", visitedOn: "2026-12-01", kinds: ["vneid"] }),
      "invalid_characters",
    );
    await refused(() => call("DELETE", `/api/v1/teams/${teamId}/members/abc%00def`, 0), "invalid_characters");
    await refused(() => call("GET", "/api/v1/admin/teams?area=%00", 0), "invalid_characters");
    await refused(() => call("POST", "/api/v1/admin/teams", 0, { communeCode: BA_DINH, name: "Tổ \ud800 lạ" }), "invalid_characters");
  });

  it("bidi overrides and zero-width characters in names and titles are refused; an emoji joined with U+200D in a message is not", async () => {
    await refused(() => call("POST", "/api/v1/admin/teams", 0, { communeCode: BA_DINH, name: "Tổ \u202Ey5 ốt" }), "invalid_request");
    await refused(
      () => call("POST", "/api/v1/me/visits", 1, { id: randomUUID(), household: "Nhà bác\u200B Tư", visitedOn: "2026-12-01", kinds: ["vneid"] }),
      "household_hidden_characters",
    );
    await refused(
      () => call("POST", "/api/v1/admin/campaigns", 0, { title: "Cảnh\u2066 báo", text: "Tin.", topics: ["an-toan-mang"], areaCode: BA_DINH }),
      "invalid_request",
    );
    const ok = await call("POST", "/api/v1/admin/campaigns", 0, {
      title: "Gia đình",
      text: "Cả nhà cùng học 👨\u200D👩\u200D👧",
      topics: ["an-toan-mang"],
      areaCode: BA_DINH,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it.each(["091 234 5678", "(091) 234-5678", "091/234/5678", "+84 91 234 5678", "０９１２３４５６７８", "CCCD 001.099.012.345"])(
    "a household label with a number written as %j is refused",
    async (number) => {
      await refused(
        () => call("POST", "/api/v1/me/visits", 1, { id: randomUUID(), household: `Nhà bác Tư ${number}`, visitedOn: "2026-12-01", kinds: ["vneid"] }),
        "household_id_number",
      );
    },
  );

  it("a chat message with NUL is answered once and stored without it; a phone number typed in chat is masked in the inbox and in officials' questions", async () => {
    const user = "7700000000000000501";
    await userDoes(t.app, user, "follow");
    const replies = await say(t.app, user, "giá\u0000 vàng 0912.345.678 hôm nay");
    expect(replies.length).toBeGreaterThan(0);
    await settle(t.app);
    const inbox = await db().selectFrom("webhook_inbox").select(["payload", "status"]).where("event_name", "=", "user_send_text").execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.status).toBe("done");
    const text = JSON.parse(inbox[0]!.payload).message.text as string;
    expect(text).toBe("giá vàng [số đã ẩn] hôm nay");
    const questions = await db().selectFrom("unanswered_questions").select("text").where("user_id", "=", user).execute();
    expect(JSON.stringify(questions)).not.toMatch(/345|\u0000/);
  });
});
