import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { signedInPeople } from "../helpers/officials.js";
import { buttonsOf, oaConnected, say, sentTo, settle, userDoes } from "../helpers/oa.js";

const course = loadCourseOrThrow();
const HOUR = 3600_000;
const BA_DINH = "00004";
const BA_DINH_NAME = "Phường Ba Đình, Thành phố Hà Nội";
const NGOC_HA = "00008";
/** Sandbox users: index i signs in to the mini app as 55…(i+1) and follows the OA as 77…(i+1). */
const follower = (i: number) => `77000000000000000${String(i + 1).padStart(2, "0")}`;
const RESIDENT = { index: 0, follower: follower(0) };
const LATE = { index: 1, follower: follower(1) };
const NEIGHBOUR = { index: 2, follower: follower(2) };
const OTHER_COMMUNE = { index: 3, follower: follower(3) };
/** Officials (Zalo ids beyond the sandbox's five people: signed in by a session of their own learner row). */
const ROLES = { communeOfficial: 11, otherCommuneOfficial: 12, provinceOfficial: 13, operator: 14, nobody: 15 };
const zaloId = (i: number) => `55000000000000000${String(i + 1).padStart(2, "0")}`;

/** Local questions the shipped Hỏi đáp knows nothing about: only the commune can answer them. */
const ASKED = "nha van hoa to dan pho 5 mo cua may gio vay";
const NEXT_ASKED = "nha van hoa khu pho mo cua luc may gio";
const ANSWER = "Nhà văn hóa tổ dân phố 5 mở cửa từ 7 giờ đến 21 giờ mỗi ngày. Tổ công nghệ số trực ở đó tối thứ Bảy để hướng dẫn bà con.";

/**
 * Officials answer what the chatbot could not (issue 11, section 6): the answer reaches the resident through the OA
 * when Zalo's rules allow a consultation message (step 5's model, the same `windowOf` campaigns use), otherwise it
 * waits for them; "Thêm vào Hỏi đáp" turns it into an entry the bot then uses for that area only.
 */
describe.each(DIALECTS)("officials answer residents' questions on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const token: Record<string, string> = {};
  const as = (who: string, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token[who]}` }, ...(payload ? { payload } : {}) });
  const db = () => t.testDb.db.db;
  const questionOf = async (userId: string) =>
    await db().selectFrom("unanswered_questions").selectAll().where("user_id", "=", userId).orderBy("id", "desc").executeTakeFirstOrThrow();

  /** A follower who agreed and chose a commune in the chat, then asks `text`; `lastWroteHoursAgo` moves their last message back. */
  async function resident(userId: string, commune: string, province: string) {
    await userDoes(t.app, userId, "follow");
    await db()
      .updateTable("subscribers")
      .set({ consent_version: "v", consent_text: "t", consent_at: clock.now().toISOString(), province_code: province, commune_code: commune, dialogue: null })
      .where("user_id", "=", userId)
      .execute();
  }

  /** The person last wrote `days` ago: past 7 days Zalo allows the OA no consultation message to them. */
  const wroteDaysAgo = (userId: string, days: number) =>
    db()
      .updateTable("subscribers")
      .set({ last_interaction_at: new Date(clock.now().getTime() - days * 24 * HOUR).toISOString() })
      .where("user_id", "=", userId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    await oaConnected(t.app);
    const at = clock.now().toISOString();
    Object.assign(
      token,
      await signedInPeople(
        t,
        [
          { name: "communeOfficial", zaloUserId: zaloId(ROLES.communeOfficial), role: "commune_official", areaCode: BA_DINH },
          { name: "otherCommuneOfficial", zaloUserId: zaloId(ROLES.otherCommuneOfficial), role: "commune_official", areaCode: NGOC_HA },
          { name: "provinceOfficial", zaloUserId: zaloId(ROLES.provinceOfficial), role: "province_official", areaCode: "01" },
          { name: "operator", zaloUserId: zaloId(ROLES.operator), role: "operator" },
          { name: "nobody", zaloUserId: zaloId(ROLES.nobody) },
        ],
        at,
      ),
    );
    token.late = (await signInAs(t.app, LATE.index)).token;
    await resident(RESIDENT.follower, BA_DINH, "01");
    await resident(LATE.follower, BA_DINH, "01");
    await resident(NEIGHBOUR.follower, BA_DINH, "01");
    await resident(OTHER_COMMUNE.follower, NGOC_HA, "01");
  });
  afterAll(async () => {
    await t.close();
  });

  it("a question the bot cannot answer goes to the commune's inbox, recorded with the commune it was asked in", async () => {
    const r = await say(t.app, RESIDENT.follower, ASKED);
    expect(r[0]!.message.text).toMatch(/^Xin lỗi, tôi chưa có câu trả lời chắc chắn/);
    expect(await questionOf(RESIDENT.follower)).toMatchObject({ text: ASKED, commune_code: BA_DINH, answer_state: null });
    const inbox = (await as("communeOfficial", "GET", "/api/v1/admin/questions")).json() as { questions: { text: string; answer: null }[] };
    expect(inbox.questions).toEqual([expect.objectContaining({ text: ASKED, communeName: BA_DINH_NAME, answer: null })]);
    expect(((await as("otherCommuneOfficial", "GET", "/api/v1/admin/questions")).json() as { questions: unknown[] }).questions).toEqual([]);
  });

  it("refuses an answer from outside the area, from no official, too short or to no question — and changes nothing", async () => {
    const q = await questionOf(RESIDENT.follower);
    const audit = await db().selectFrom("audit_log").selectAll().execute();
    for (const [who, id, body, status, error] of [
      ["otherCommuneOfficial", q.id, { text: ANSWER }, 403, "forbidden_area"],
      ["nobody", q.id, { text: ANSWER }, 403, "not_an_official"],
      ["communeOfficial", q.id, { text: "  ngắn " }, 400, "invalid_request"],
      ["communeOfficial", q.id, { text: ANSWER, extra: 1 }, 400, "invalid_request"],
      ["communeOfficial", 999_999, { text: ANSWER }, 404, "question_not_found"],
      ["communeOfficial", "abc", { text: ANSWER }, 400, "invalid_request"],
    ] as const) {
      const res = await as(who, "POST", `/api/v1/admin/questions/${id}/answer`, body);
      expect(res.statusCode, `${who} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().error).toBe(error);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await questionOf(RESIDENT.follower)).toMatchObject({ resolved_at: null, answer_text: null, answer_state: null });
    expect(await db().selectFrom("audit_log").selectAll().execute()).toEqual(audit);
  });

  it("the commune official answers: within the person's free window it reaches them at once, signed by the commune, and is audited", async () => {
    const q = await questionOf(RESIDENT.follower);
    const before = (await sentTo(t.app, RESIDENT.follower)).length;
    const res = await as("communeOfficial", "POST", `/api/v1/admin/questions/${q.id}/answer`, { text: ANSWER });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().question.answer).toEqual({
      text: ANSWER,
      answeredBy: BA_DINH_NAME,
      answeredAt: clock.now().toISOString(),
      state: "sent",
      faqEntryId: null,
    });
    const sent = (await sentTo(t.app, RESIDENT.follower)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.kind).toBe("cs");
    expect(sent[0]!.message.text).toBe(`${BA_DINH_NAME} trả lời câu hỏi của bạn:\n“${ASKED}”\n\n${ANSWER}`);
    // No person's name: the commune answers.
    expect(sent[0]!.message.text).not.toMatch(/55000/);
    expect(buttonsOf(sent[0]!).map((b) => b.payload)).toEqual(["#hoi-dap", "#menu"]);
    const row = await questionOf(RESIDENT.follower);
    expect(row).toMatchObject({ answer_state: "sent", answered_area: BA_DINH, answered_by: zaloId(ROLES.communeOfficial) });
    expect(row.resolved_at).not.toBeNull();
    expect(row.answer_message_id).toBe(sent[0]!.message_id);
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "question.answer").execute();
    expect(audit).toEqual([expect.objectContaining({ actor: zaloId(ROLES.communeOfficial), target: `question:${q.id}`, area_code: BA_DINH })]);
    // Answered once: a second answer (anyone's) is refused.
    const again = await as("provinceOfficial", "POST", `/api/v1/admin/questions/${q.id}/answer`, { text: ANSWER });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe("question_closed");
    const answered = (await as("communeOfficial", "GET", "/api/v1/admin/questions?status=answered")).json() as { questions: { id: number }[] };
    expect(answered.questions.map((x) => x.id)).toEqual([Number(q.id)]);
    expect(((await as("communeOfficial", "GET", "/api/v1/admin/questions")).json() as { questions: unknown[] }).questions).toEqual([]);
  });

  it("outside the 7-day window the answer waits: in Tin mới, and sent by the bot, first, when the person next writes", async () => {
    await say(t.app, LATE.follower, "cho toi hoi lich cat dien o to dan pho 5 tuan sau");
    const q = await questionOf(LATE.follower);
    await wroteDaysAgo(LATE.follower, 8);
    const before = (await sentTo(t.app, LATE.follower)).length;
    const res = await as("provinceOfficial", "POST", `/api/v1/admin/questions/${q.id}/answer`, { text: "Tuần sau không có lịch cắt điện ở tổ dân phố 5." });
    expect(res.statusCode, res.body).toBe(200);
    // A province official of the commune's province signs with the province.
    expect(res.json().question.answer).toMatchObject({ state: "held", answeredBy: "Thành phố Hà Nội" });
    expect((await sentTo(t.app, LATE.follower)).length).toBe(before);

    const news = (await as("late", "GET", "/api/v1/me/news")).json() as {
      answers: { questionId: number; read: boolean; answeredBy: string }[];
      unread: number;
    };
    expect(news.answers).toEqual([
      expect.objectContaining({
        questionId: Number(q.id),
        question: q.text,
        answer: "Tuần sau không có lịch cắt điện ở tổ dân phố 5.",
        answeredBy: "Thành phố Hà Nội",
        read: false,
      }),
    ]);
    expect(news.unread).toBe(1);

    const r = await say(t.app, LATE.follower, "menu");
    expect(r[0]!.message.text).toBe(`Thành phố Hà Nội trả lời câu hỏi của bạn:\n“${q.text}”\n\nTuần sau không có lịch cắt điện ở tổ dân phố 5.`);
    expect(r.length).toBeGreaterThan(1);
    expect(await questionOf(LATE.follower)).toMatchObject({ answer_state: "sent" });
    // Delivered once: the next message gets no second copy, and Tin mới shows it as read.
    const r2 = await say(t.app, LATE.follower, "menu");
    expect(r2.map((m) => m.message.text).filter((x) => x?.includes("trả lời câu hỏi của bạn"))).toEqual([]);
    const after = (await as("late", "GET", "/api/v1/me/news")).json() as { answers: { read: boolean }[]; unread: number };
    expect(after.answers.map((a) => a.read)).toEqual([true]);
    expect(after.unread).toBe(0);
  });

  it("a held answer read in Tin mới is not sent in the chat; someone else's answer cannot be marked read", async () => {
    await say(t.app, LATE.follower, "bao gio phuong to chuc hop dan ve chuyen doi so");
    const q = await questionOf(LATE.follower);
    await wroteDaysAgo(LATE.follower, 8);
    await as("communeOfficial", "POST", `/api/v1/admin/questions/${q.id}/answer`, { text: "Phường họp dân tối thứ Sáu tuần này tại nhà văn hóa." });
    expect((await as("communeOfficial", "POST", `/api/v1/me/news/answers/${q.id}/read`)).statusCode).toBe(404);
    expect(await questionOf(LATE.follower)).toMatchObject({ answer_state: "held" });
    const read = await as("late", "POST", `/api/v1/me/news/answers/${q.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(await questionOf(LATE.follower)).toMatchObject({ answer_state: "read" });
    const r = await say(t.app, LATE.follower, "menu");
    expect(r.map((m) => m.message.text).filter((x) => x?.includes("Phường họp dân"))).toEqual([]);
  });

  it("Thêm vào Hỏi đáp: the entry answers the next resident of that commune, not one of another commune", async () => {
    const q = await questionOf(RESIDENT.follower);
    // The form offers the resident's own words as a way of asking it; the official keeps them here.
    const entry = { question: "Nhà văn hóa tổ dân phố mở cửa mấy giờ?", variants: ["nha van hoa mo cua gio nao", ASKED], answer: ANSWER, lesson: null };
    // Refused like the shipped Hỏi đáp would be, and nothing stored.
    for (const [bad, message] of [
      [{ ...entry, answer: `${ANSWER} Theo Nghị định 13/2023/NĐ-CP.` }, /số hiệu văn bản/],
      [{ ...entry, answer: Array.from({ length: 90 }, () => "từ").join(" ") }, /90 từ, tối đa 80 từ/],
      [{ ...entry, answer: `<b>${ANSWER}</b>` }, /HTML/],
      [{ ...entry, lesson: "khong-co-bai-nay" }, /không có trong khóa học/],
      [{ ...entry, variants: [entry.question] }, /trùng/],
      [{ ...entry, variants: ["xem nghị định 13/2023/NĐ-CP"] }, /Cách hỏi khác 1: không ghi số hiệu/],
    ] as const) {
      const res = await as("communeOfficial", "POST", `/api/v1/admin/questions/${q.id}/faq`, bad);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: "invalid_faq_entry", message: expect.stringMatching(message) });
    }
    expect((await as("otherCommuneOfficial", "POST", `/api/v1/admin/questions/${q.id}/faq`, entry)).statusCode).toBe(403);
    // A commune official cannot make it the province's.
    expect((await as("communeOfficial", "POST", `/api/v1/admin/questions/${q.id}/faq`, { ...entry, scope: "province" })).statusCode).toBe(403);
    expect(await db().selectFrom("area_faq_entries").selectAll().execute()).toEqual([]);

    const res = await as("communeOfficial", "POST", `/api/v1/admin/questions/${q.id}/faq`, entry);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json().entry as { id: string; variants: string[]; areaName: string };
    expect(saved).toMatchObject({ areaCode: BA_DINH, areaName: BA_DINH_NAME, variants: ["nha van hoa mo cua gio nao", ASKED], status: "active" });
    expect(await questionOf(RESIDENT.follower)).toMatchObject({ faq_entry_id: saved.id });

    const neighbour = await say(t.app, NEIGHBOUR.follower, NEXT_ASKED);
    expect(neighbour[0]!.message.text).toBe(`${ANSWER}\n\n(${BA_DINH_NAME} trả lời)`);
    // No lesson named: no lesson button.
    expect(buttonsOf(neighbour[0]!).map((b) => b.payload)).toEqual(["#hoi-dap", "#menu"]);
    const elsewhere = await say(t.app, OTHER_COMMUNE.follower, NEXT_ASKED);
    expect(elsewhere[0]!.message.text).toMatch(/^Xin lỗi, tôi chưa có câu trả lời chắc chắn/);
  });

  it("the entry can be edited and withdrawn by the commune (not by another), promoted to everyone by the operator only; each change audited", async () => {
    const [row] = await db().selectFrom("area_faq_entries").selectAll().execute();
    const id = row!.id;
    const list = async (who: string) =>
      ((await as(who, "GET", "/api/v1/admin/faq")).json() as { entries: { id: string; updatedAt: string; status: string }[] }).entries;
    expect((await list("communeOfficial")).map((e) => e.id)).toEqual([id]);
    expect(await list("otherCommuneOfficial")).toEqual([]);
    const seen = (await list("communeOfficial"))[0]!.updatedAt;

    expect((await as("otherCommuneOfficial", "PATCH", `/api/v1/admin/faq/${id}`, { action: "withdraw", seen })).statusCode).toBe(403);
    expect((await as("communeOfficial", "PATCH", `/api/v1/admin/faq/${id}`, { action: "promote", seen })).statusCode).toBe(403);
    clock.advanceMinutes(1);
    const edited = await as("communeOfficial", "PATCH", `/api/v1/admin/faq/${id}`, {
      action: "edit",
      seen,
      entry: {
        question: "Nhà văn hóa tổ dân phố mở cửa mấy giờ?",
        variants: ["nha van hoa mo cua gio nao", NEXT_ASKED],
        answer: `${ANSWER} Chủ nhật nghỉ.`,
        lesson: null,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // Changed since it was read: refused.
    expect((await as("communeOfficial", "PATCH", `/api/v1/admin/faq/${id}`, { action: "withdraw", seen })).statusCode).toBe(409);
    expect((await say(t.app, NEIGHBOUR.follower, NEXT_ASKED))[0]!.message.text).toBe(`${ANSWER} Chủ nhật nghỉ.\n\n(${BA_DINH_NAME} trả lời)`);

    clock.advanceMinutes(1);
    const withdrawn = await as("communeOfficial", "PATCH", `/api/v1/admin/faq/${id}`, { action: "withdraw", seen: edited.json().entry.updatedAt });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await say(t.app, NEIGHBOUR.follower, NEXT_ASKED))[0]!.message.text).toMatch(/^Xin lỗi, tôi chưa có câu trả lời chắc chắn/);

    clock.advanceMinutes(1);
    const restored = await as("communeOfficial", "PATCH", `/api/v1/admin/faq/${id}`, { action: "restore", seen: withdrawn.json().entry.updatedAt });
    clock.advanceMinutes(1);
    const promoted = await as("operator", "PATCH", `/api/v1/admin/faq/${id}`, { action: "promote", seen: restored.json().entry.updatedAt });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json().entry).toMatchObject({ areaCode: "", areaName: "Toàn quốc", promotedFrom: BA_DINH });
    // Everyone's now, still signed by the commune that wrote it.
    expect((await say(t.app, OTHER_COMMUNE.follower, NEXT_ASKED))[0]!.message.text).toBe(`${ANSWER} Chủ nhật nghỉ.\n\n(${BA_DINH_NAME} trả lời)`);
    const actions = (await db().selectFrom("audit_log").select(["action", "actor"]).where("target", "=", `faq:${id}`).orderBy("id").execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["faq.create", "faq.edit", "faq.withdraw", "faq.restore", "faq.promote"]);
  });

  it("statistics: asked, answered by the bot, answered by officials, waiting, median time to answer", async () => {
    await settle(t.app);
    const res = await as("operator", "GET", "/api/v1/admin/questions/stats");
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const asked = await db().selectFrom("question_stats").selectAll().execute();
    expect(s.asked).toBe(asked.reduce((n, r) => n + Number(r.asked), 0));
    expect(s.answeredByBot).toBe(asked.reduce((n, r) => n + Number(r.bot_answered), 0));
    // Three answered by officials, the questions answered at once (the manual clock did not move in between).
    expect(s).toMatchObject({ answeredByOfficials: 3, medianHoursToAnswer: 0 });
    expect(s.waiting).toBe(
      await db()
        .selectFrom("unanswered_questions")
        .selectAll()
        .where("resolved_at", "is", null)
        .execute()
        .then((r) => r.length),
    );
    expect(s.answeredByBot).toBeGreaterThanOrEqual(3);
    expect(s.asked).toBeGreaterThan(s.answeredByBot);
    const other = (await as("otherCommuneOfficial", "GET", "/api/v1/admin/questions/stats")).json();
    expect(other).toMatchObject({ answeredByOfficials: 0 });
  });
});
