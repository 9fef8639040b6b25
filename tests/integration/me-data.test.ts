import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositories } from "../../bot-server/src/repositories/index.js";
import type { Database } from "../../bot-server/src/db/schema.js";
import { CLI_ROLES, type Actor } from "../../bot-server/src/services/admin/access.js";
import { grantRole } from "../../bot-server/src/services/admin/manage-roles.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { CREDIT_CONSENT } from "../../shared/schemas/team.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { oaConnected, say, settle, userDoes } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const areas = loadAreas();
const BA_DINH = "00004";
const NGOC_HA = "00008";
const SEEDER: Actor = { id: "cli:test", roles: CLI_ROLES };
const HOUR = 3600_000;
// Sandbox users: 0 an official, 1 the team's leader, 2 the person who exports and erases, 3 another learner.
const [OFFICIAL, LEADER, ME, OTHER] = [0, 1, 2, 3];
const FOLLOWER = ["7700000000000000001", "7700000000000000002", "7700000000000000003", "7700000000000000004"];
const NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"];
const PHONE = "0912345678";
const MY_HOUSEHOLDS = ["Nhà bác Tư, xóm 3", "Số 12 ngõ 34 Đội Cấn"];
const MY_QUESTION = "gia vang hom nay";
const OTHER_QUESTION = "lai suat ngan hang bao nhieu";

/** Every table but the migrations' own, in a stable order. */
const TABLES: (keyof Database)[] = [
  "learners",
  "quiz_attempts",
  "lesson_completions",
  "webhook_inbox",
  "jobs",
  "subscribers",
  "oa_messages",
  "message_receipts",
  "unanswered_questions",
  "oa_tokens",
  "locks",
  "oauth_states",
  "roles",
  "audit_log",
  "campaigns",
  "deliveries",
  "teams",
  "team_members",
  "team_invites",
  "credits",
  "visits",
  "commune_points",
];

async function dump(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await db.selectFrom(t).selectAll().execute();
  for (const rows of Object.values(out)) rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return out;
}
async function counts(db: Kysely<Database>) {
  const out: Record<string, number> = {};
  for (const t of TABLES)
    out[t] = Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return out;
}

describe.each(DIALECTS)("my data: export and erasure on %s", (dialect) => {
  const clock = manualClock(new Date("2026-11-28T02:00:00.000Z"));
  let t: TestApp;
  const u: { token: string; learnerId: string; zaloUserId: string }[] = [];
  let teamId = 0;
  let myRef = "";
  const db = () => t.testDb.db.db;

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: number | string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${typeof who === "string" ? who : u[who]!.token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (method: "GET" | "POST" | "PUT" | "DELETE", url: string, who: number, payload?: unknown) => {
    const res = await call(method, url, who, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  function expectRefusal(res: LightMyRequestResponse, status: number, code: string): void {
    expect({ status: res.statusCode, error: res.json().error }, res.body).toEqual({ status, error: code });
    expect(res.json().message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
  }
  // `ref`: the team's or member's code the app was first opened with, carried by the first sync.
  const sync = (who: number, events: object[], ref?: string) => ok("POST", "/api/v1/progress/sync", who, { events, ...(ref ? { ref } : {}) });
  const lesson = course.lessons[0]!;
  const quizAnswers = lesson.quiz.map((q) => ({ questionId: q.id, answer: q.kind === "order" ? q.options.map((o) => o.id) : [q.options[0]!.id] }));

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock }, { PUBLIC_URL: "https://ksc.example.vn" });
    await t.app.ready();
    await oaConnected(t.app);
    for (let i = 0; i < 4; i++) u.push(await signInAs(t.app, i));
    const deps = { repos: repositories(db(), t.testDb.db.dialect), areas, clock };
    await grantRole(deps, SEEDER, { zaloUserId: u[OFFICIAL]!.zaloUserId, role: "commune_official", areaCode: BA_DINH });
    await grantRole(deps, SEEDER, { zaloUserId: u[ME]!.zaloUserId, role: "commune_official", areaCode: NGOC_HA });

    // A team in Ba Đình; I am credited to its leader (with consent), then join it, record visits, and credit a resident.
    teamId = (await ok("POST", "/api/v1/admin/teams", OFFICIAL, { communeCode: BA_DINH, name: "Tổ công nghệ số tổ dân phố 5" })).id;
    await ok("POST", "/api/v1/teams/join", LEADER, { code: (await ok("POST", `/api/v1/teams/${teamId}/invites`, OFFICIAL)).code });
    await ok("PUT", `/api/v1/admin/teams/${teamId}/leader`, OFFICIAL, { zaloUserId: u[LEADER]!.zaloUserId });
    const leaderRef = (await ok("GET", "/api/v1/me/team", LEADER)).team.myRefCode as string;
    await sync(
      ME,
      [
        { kind: "completion", id: randomUUID(), lessonId: lesson.id, at: "2026-11-27T03:00:00.000Z" },
        { kind: "attempt", id: randomUUID(), lessonId: lesson.id, answers: quizAnswers, at: "2026-11-27T03:05:00.000Z" },
      ],
      leaderRef,
    );
    await ok("POST", "/api/v1/me/credit", ME, { ref: leaderRef, consentVersion: CREDIT_CONSENT.version, agree: true });
    const code = (await ok("POST", `/api/v1/teams/${teamId}/invites`, LEADER)).code as string;
    myRef = (await ok("POST", "/api/v1/teams/join", ME, { code })).refCode;
    for (const household of MY_HOUSEHOLDS)
      await ok("POST", "/api/v1/me/visits", ME, { id: randomUUID(), household, visitedOn: "2026-11-27", kinds: ["vneid"] });
    await sync(OTHER, [{ kind: "completion", id: randomUUID(), lessonId: course.lessons[1]!.id, at: "2026-11-27T04:00:00.000Z" }], myRef);
    await ok("POST", "/api/v1/me/credit", OTHER, { ref: myRef, consentVersion: CREDIT_CONSENT.version, agree: true });

    // As an official of Ngọc Hà I also acted: a team, a draft campaign and the commune's point carry my Zalo id.
    await ok("POST", "/api/v1/admin/teams", ME, { communeCode: NGOC_HA, name: "Tổ Ngọc Hà" });
    await ok("POST", "/api/v1/admin/campaigns", ME, { title: "Nháp", text: "Tin nháp.", topics: ["an-toan-mang"], areaCode: NGOC_HA });
    await ok("PUT", `/api/v1/admin/communes/${NGOC_HA}/point`, ME, { latitude: 21.0405, longitude: 105.8197 });

    // The OA: I and the other learner follow, ask something the bot cannot answer, agree to news for Ba Đình.
    for (const who of [ME, OTHER]) {
      await userDoes(t.app, FOLLOWER[who]!, "follow");
      await say(t.app, FOLLOWER[who]!, who === ME ? MY_QUESTION : OTHER_QUESTION);
      const long = new Date(clock.now().getTime() - 240 * HOUR).toISOString();
      await db()
        .updateTable("subscribers")
        .set({
          display_name: NAMES[who]!,
          consent_version: "v1",
          consent_text: `Tôi đồng ý nhận tin của xã (${who})`,
          consent_at: long,
          province_code: "01",
          commune_code: BA_DINH,
          topics: '["an-toan-mang"]',
          news_enabled: 1,
          last_interaction_at: long,
        })
        .where("user_id", "=", FOLLOWER[who]!)
        .execute();
    }
    // Zalo's "request user info" form, with a phone number: the number must never be stored.
    const res = await t.app.inject({
      method: "POST",
      url: `/sandbox/users/${FOLLOWER[ME]}/submit-info`,
      payload: { name: NAMES[ME], phone: PHONE, address: "Số 5 phố Đội Cấn", city: "Hà Nội", district: "", ward: "Ba Đình" },
    });
    expect(res.statusCode, res.body).toBe(200);
    await settle(t.app);
    // News from the official reaches both followers (held in their inbox: they last wrote ten days ago).
    const campaign = (
      await ok("POST", "/api/v1/admin/campaigns", OFFICIAL, {
        title: "Cảnh báo lừa đảo",
        text: "Không bấm vào đường link lạ.",
        topics: ["an-toan-mang"],
        areaCode: BA_DINH,
      })
    ).id as number;
    await ok("POST", `/api/v1/admin/campaigns/${campaign}/send`, OFFICIAL);
    await settle(t.app);
    expect((await db().selectFrom("deliveries").select("user_id").execute()).map((d) => d.user_id).sort()).toEqual([FOLLOWER[ME], FOLLOWER[OTHER]]);
  });
  afterAll(async () => t?.close());

  it("never stores a phone number, and no API description has a phone field for a person", async () => {
    const inbox = await db().selectFrom("webhook_inbox").select(["event_name", "payload"]).where("event_name", "=", "user_submit_info").execute();
    expect(inbox).toHaveLength(1);
    expect(JSON.parse(inbox[0]!.payload).info).toEqual({ name: NAMES[ME], address: "Số 5 phố Đội Cấn", city: "Hà Nội", district: "", ward: "Ba Đình" });
    const everything = JSON.stringify(await dump(db()));
    expect(everything).not.toContain(PHONE);
    expect(everything).not.toContain(PHONE.slice(1));
    // Response schemas of the whole API: nothing called phone (an OA button's phone_code is the OA's hotline).
    const doc = (await t.app.inject({ url: "/docs/json" })).json();
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        if (k === "properties" && v && typeof v === "object") for (const p of Object.keys(v)) names.add(p);
        walk(v);
      }
    };
    for (const path of Object.values(doc.paths as Record<string, Record<string, { responses?: unknown }>>))
      for (const op of Object.values(path)) walk(op.responses);
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter((n) => /phone|mobile|sdt|dien_?thoai/i.test(n) && n !== "phone_code")).toEqual([]);
    // The leader sees names and progress of the team's members, no phone.
    const members = await ok("GET", `/api/v1/teams/${teamId}/members`, LEADER);
    // The whole number: four digits of it can turn up in a random id.
    expect(JSON.stringify(members)).not.toMatch(new RegExp(`phone|${PHONE}|${PHONE.slice(1)}`, "i"));
  });

  it("exports everything stored about me, as a download, and nothing of the other learner", async () => {
    const res = await call("GET", "/api/v1/me/export", ME);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="du-lieu-cua-toi-2026-11-28\.json"$/);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const data = res.json();
    for (const [key, section] of Object.entries(data)) {
      expect(key).toMatch(/^[A-Za-z]+$/);
      if (section && typeof section === "object") expect((section as { explanation: string }).explanation, key).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
    }
    expect(data.learner.data).toMatchObject({ id: u[ME]!.learnerId, zaloUserId: u[ME]!.zaloUserId, name: NAMES[ME], oaFollowerId: FOLLOWER[ME] });
    expect(data.lessonCompletions.data).toEqual([{ lessonId: lesson.id, completedAt: "2026-11-27T03:00:00.000Z", receivedAt: expect.any(String) }]);
    expect(data.quizAttempts.data).toEqual([expect.objectContaining({ lessonId: lesson.id, answers: quizAnswers, answeredAt: "2026-11-27T03:05:00.000Z" })]);
    expect(data.teamMemberships.data).toEqual([
      { teamId, teamName: "Tổ công nghệ số tổ dân phố 5", communeCode: BA_DINH, role: "member", myRefCode: myRef, joinedAt: expect.any(String), leftAt: null },
    ]);
    expect(data.credit.data).toEqual({
      teamName: "Tổ công nghệ số tổ dân phố 5",
      refCode: expect.any(String),
      throughAMember: true,
      consentVersion: CREDIT_CONSENT.version,
      consentText: CREDIT_CONSENT.text,
      consentedAt: expect.any(String),
    });
    expect(data.residentsCreditedToMe.data).toBe(1);
    expect(data.visitsRecorded.data.map((v: { household: string }) => v.household).sort()).toEqual([...MY_HOUSEHOLDS].sort());
    expect(data.oaSubscriber.data).toMatchObject({
      followerId: FOLLOWER[ME],
      displayName: NAMES[ME],
      consentText: `Tôi đồng ý nhận tin của xã (${ME})`,
      communeCode: BA_DINH,
      topics: ["an-toan-mang"],
      newsEnabled: true,
      dialogue: expect.anything(),
    });
    expect(data.oaEventsReceived.data.map((e: { eventName: string }) => e.eventName)).toEqual(
      expect.arrayContaining(["follow", "user_send_text", "user_submit_info", "user_received_message"]),
    );
    expect(data.oaMessagesSent.data.length).toBeGreaterThanOrEqual(2);
    expect(data.newsDeliveries.data).toEqual([expect.objectContaining({ title: "Cảnh báo lừa đảo", state: "sent" })]);
    expect(data.questionsAsked.data).toEqual([{ text: MY_QUESTION, askedAt: expect.any(String), resolvedAt: null, answer: null, answeredAt: null }]);
    expect(data.roles.data).toEqual([{ role: "commune_official", areaCode: NGOC_HA, grantedAt: expect.any(String) }]);
    expect(data.auditLog.data.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["role.grant", "team.join"]));
    // Nothing of the others: not the other learner, not the leader, not the official.
    const text = res.body;
    for (const who of [OFFICIAL, LEADER, OTHER]) {
      expect(text).not.toContain(NAMES[who]!);
      expect(text).not.toContain(u[who]!.zaloUserId);
      expect(text).not.toContain(u[who]!.learnerId);
      expect(text).not.toContain(FOLLOWER[who]!);
    }
    expect(text).not.toContain(OTHER_QUESTION);
    expect(text).not.toContain(PHONE);
    expect(text).not.toMatch(/"phone"/);
  });

  it("refuses to erase without the confirmation, changing nothing", async () => {
    const before = await dump(db());
    for (const payload of [{}, { confirm: "xoa" }, { confirm: "yes" }])
      expectRefusal(await call("DELETE", "/api/v1/me", ME, payload), 400, "confirmation_required");
    expect((await t.app.inject({ method: "DELETE", url: "/api/v1/me", headers: { authorization: `Bearer ${u[ME]!.token}` } })).statusCode).toBe(400);
    expectRefusal(await t.app.inject({ method: "DELETE", url: "/api/v1/me", payload: { confirm: "XOA" } }), 401, "missing_session");
    expect(await dump(db())).toEqual(before);
  });

  it("erases me: everything anonymised in one go, every count kept, my sessions end, roles revoked and audited", async () => {
    const before = await dump(db());
    const countsBefore = await counts(db());
    clock.advanceMinutes(1);
    expect(await ok("DELETE", "/api/v1/me", ME, { confirm: "XOA" })).toEqual({ erased: true });
    const after = await dump(db());

    // Counts: the same rows in every table, but my role (revoked) and the audit entries of the erasure.
    const countsAfter = await counts(db());
    expect({ ...countsAfter, roles: countsAfter.roles! + 1, audit_log: countsBefore.audit_log }).toEqual(countsBefore);
    const newAudit = (
      after.audit_log as { id: unknown; actor: string; action: string; target: string; area_code: string; before_state: string | null }[]
    ).filter((a) => !(before.audit_log as { id: unknown }[]).some((b) => String(b.id) === String(a.id)));
    expect(newAudit.map((a) => [a.actor, a.action, a.area_code]).sort()).toEqual(
      [
        ["self", "person.erase", ""],
        ["self", "person.erase_membership", BA_DINH],
        ["self", "role.revoke", NGOC_HA],
      ].sort(),
    );

    // Nothing that says who I was, anywhere but in audit entries written before (append-only by law and design).
    const me = (after.learners as { id: string; zalo_user_id: string; name: string; id_by_oa: string | null; ref_code: string | null }[]).find(
      (l) => l.id === u[ME]!.learnerId,
    )!;
    expect(me).toMatchObject({ zalo_user_id: expect.stringMatching(/^erased:[0-9a-f]{24}$/), name: "(đã xoá)", id_by_oa: null, ref_code: null });
    const tombstone = me.zalo_user_id;
    expect(newAudit.every((a) => a.target === tombstone)).toBe(true);
    const { audit_log: _kept, ...rest } = after;
    const text = JSON.stringify(rest) + JSON.stringify(newAudit);
    for (const secret of ["Số 5 phố Đội Cấn", u[ME]!.zaloUserId, NAMES[ME], FOLLOWER[ME], MY_QUESTION, ...MY_HOUSEHOLDS, `Tôi đồng ý nhận tin của xã (${ME})`])
      expect(text, secret).not.toContain(secret);

    // My personal QR code is retired: the residents who came through it keep it as their first ref, leading nowhere.
    expect((after.team_members as { ref_code: string }[]).map((m) => m.ref_code)).not.toContain(myRef);
    expect((await ok("GET", `/api/v1/me/credit?ref=${myRef}`, LEADER)).state).toBe("none");
    // What stays, anonymous: visits (household blanked), membership ended, subscriber unreachable, texts gone.
    expect((after.visits as { member_id: string; household: string }[]).filter((v) => v.member_id === u[ME]!.learnerId).map((v) => v.household)).toEqual([
      "(đã xoá)",
      "(đã xoá)",
    ]);
    expect(
      (after.team_members as { learner_id: string; removed_at: string | null; removed_by: string | null }[]).find((m) => m.learner_id === u[ME]!.learnerId),
    ).toMatchObject({ removed_at: clock.now().toISOString(), removed_by: "self" });
    const sub = (after.subscribers as { user_id: string }[]).find((s) => s.user_id === tombstone);
    expect(sub).toMatchObject({ display_name: null, consent_text: null, dialogue: null, topics: "[]", news_enabled: 0, following: 0, commune_code: BA_DINH });
    // My question is gone from the officials' inbox; the other learner's stays open.
    expect(
      (after.unanswered_questions as { user_id: string; text: string; resolved_at: string | null }[])
        .filter((q) => q.user_id === tombstone)
        .map((q) => [q.text, q.resolved_at === null]),
    ).toEqual([["(đã xoá)", false]]);
    const inbox = await ok("GET", "/api/v1/admin/questions", OFFICIAL);
    expect(JSON.stringify(inbox)).toContain(OTHER_QUESTION);
    expect(JSON.stringify(inbox)).not.toContain("(đã xoá)");
    expect((after.oa_messages as { user_id: string; message: string }[]).filter((m) => m.user_id === tombstone).every((m) => m.message === "{}")).toBe(true);
    expect((after.deliveries as { user_id: string; state: string }[]).filter((d) => d.user_id === tombstone).map((d) => d.state)).toEqual(["sent"]);
    expect(after.credits).toEqual(before.credits); // my credit and the one to me stay: they are counts, with no name
    expect(after.quiz_attempts).toEqual(before.quiz_attempts);
    expect(after.lesson_completions).toEqual(before.lesson_completions);

    // The other learner's rows are untouched.
    const of = (d: typeof before, who: number) => ({
      learner: (d.learners as { id: string }[]).find((l) => l.id === u[who]!.learnerId),
      sub: (d.subscribers as { user_id: string }[]).find((s) => s.user_id === FOLLOWER[who]),
      questions: (d.unanswered_questions as { user_id: string }[]).filter((q) => q.user_id === FOLLOWER[who]),
    });
    expect(of(after, OTHER)).toEqual(of(before, OTHER));
    expect(of(after, LEADER)).toEqual(of(before, LEADER));

    // My session no longer works anywhere; the leader no longer sees me; the official keeps their role.
    for (const url of ["/api/v1/progress", "/api/v1/me/export", "/api/v1/me/team", "/api/v1/me/news", "/api/v1/admin/me"])
      expectRefusal(await call("GET", url, ME), 401, "invalid_session");
    expect((await ok("GET", `/api/v1/teams/${teamId}/members`, LEADER)).members.map((m: { name: string }) => m.name)).not.toContain(NAMES[ME]);
    // An erased person can no longer be named leader (before: they could, by learner id).
    expectRefusal(await call("PUT", `/api/v1/admin/teams/${teamId}/leader`, OFFICIAL, { learnerId: u[ME]!.learnerId }), 409, "not_a_member");
  });

  it("two erasures at the same moment: one erases, the other is told it is done", async () => {
    const five = await signInAs(t.app, 4);
    const auditBefore = (await db().selectFrom("audit_log").select("id").execute()).length;
    const statuses = (await Promise.all([0, 1].map(() => call("DELETE", "/api/v1/me", five.token, { confirm: "XOA" })))).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 410]);
    expect((await db().selectFrom("audit_log").selectAll().where("action", "=", "person.erase").execute()).length).toBe(2); // this one and the earlier one
    expect((await db().selectFrom("audit_log").select("id").execute()).length).toBe(auditBefore + 1);
  });

  it("a second erasure is answered clearly, and signing in again starts afresh", async () => {
    const before = await dump(db());
    expectRefusal(await call("DELETE", "/api/v1/me", ME, { confirm: "XOA" }), 410, "already_erased");
    expect(await dump(db())).toEqual(before);
    const again = await signInAs(t.app, ME);
    expect(again.learnerId).not.toBe(u[ME]!.learnerId);
    expect((await call("GET", "/api/v1/progress", again.token)).json().lessons.every((l: { passed: boolean; read?: boolean }) => !l.passed)).toBe(true);
    const data = (await call("GET", "/api/v1/me/export", again.token)).json();
    expect(data.learner.data).toMatchObject({ zaloUserId: u[ME]!.zaloUserId, name: NAMES[ME], oaFollowerId: FOLLOWER[ME] });
    expect(data.visitsRecorded.data).toEqual([]);
    expect(data.oaSubscriber.data).toBeNull();
    expect(data.questionsAsked.data).toEqual([]);
  });
});
