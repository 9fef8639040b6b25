import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_VERSION } from "../../bot-server/src/services/dialogue/texts.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import type { Lesson, Question } from "../../shared/schemas/content.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { answers, fixtureCourse, manualClock } from "../helpers/fixture.js";
import {
  buttonsOf,
  deliverSigned,
  oaConnected,
  sandboxConfig,
  say,
  sentTo,
  settle,
  userDoes,
  userTextEvent,
  type SandboxConfig,
  type SentToUser,
} from "../helpers/oa.js";

const course = loadCourseOrThrow();
const MINIAPP_ID = "3100000000000000002";
const HOME = `http://localhost:3000/zapps/${MINIAPP_ID}/`;
const lessonLink = (id: string) => `${HOME}?lesson=${id}`;
const faqAnswer = (id: string) => {
  const e = course.faq.find((f) => f.id === id);
  if (!e) throw new Error(`no faq entry ${id}`);
  return e;
};

const MENU_BUTTONS = (learnUrl: string) => [
  { type: "oa.open.url", title: "Học kỹ năng số", payload: { url: learnUrl } },
  { type: "oa.query.hide", title: "Tin mới", payload: "#tin-moi" },
  { type: "oa.query.hide", title: "Hỏi đáp", payload: "#hoi-dap" },
  { type: "oa.query.hide", title: "Kiểm tra nhanh", payload: "#kiem-tra" },
  { type: "oa.query.hide", title: "Nhận tin / Hủy tin", payload: "#nhan-tin" },
];

/** Sandbox followers, one per scenario, so that the scenarios do not share a conversation. */
const U = {
  welcome: "7700000000000000101",
  subscribe: "7700000000000000102",
  questions: "7700000000000000103",
  quiz: "7700000000000000104",
  interaction: "7700000000000000105",
  unfollow: "7700000000000000106",
  declines: "7700000000000000107",
};

/** The one quiz question of the course that a chat message shows (found by its prompt and options, from the YAML). */
/** The question on screen, its options in the order shown (the quiz shuffles them), and the position of the right one. */
function questionShown(text: string): { lesson: Lesson; q: Question; shown: Question["options"]; right: number } {
  const m = /^Câu (\d)\/3: ([\s\S]*?)\n\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`not a quiz question: ${text}`);
  const lines = m[3]!.split("\n");
  const found = course.lessons.flatMap((lesson) =>
    lesson.quiz
      .filter((q) => q.prompt === m[2] && q.options.length === lines.length)
      .map((q) => ({ lesson, q, shown: lines.map((line, i) => q.options.find((o) => line === `${"ABCDE"[i]}. ${o.text}`)) })),
  );
  expect(found, `question "${m[2]}"`).toHaveLength(1);
  const { lesson, q, shown } = found[0]!;
  expect(
    shown.every((o) => o !== undefined),
    "every line is one of the question's options",
  ).toBe(true);
  const right = shown.findIndex((o) => o!.correct === true);
  expect(right).toBeGreaterThanOrEqual(0);
  return { lesson, q, shown: shown as Question["options"], right };
}

describe.each(DIALECTS)("the OA dialogue end to end through the sandbox on %s", (dialect) => {
  let t: TestApp;
  let cfg: SandboxConfig;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const subscriber = (userId: string) => t.testDb.db.db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const follow = async (userId: string) => {
    const before = (await sentTo(t.app, userId)).length;
    await userDoes(t.app, userId, "follow");
    return (await sentTo(t.app, userId)).slice(before);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    cfg = await sandboxConfig(t.app);
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it("follow → the welcome with the 5 menu buttons, then the consent question; nothing but the follow is stored", async () => {
    const followedAt = clock.now().toISOString();
    const msgs = await follow(U.welcome);
    expect(msgs).toHaveLength(2);
    const [welcome, consent] = msgs as [SentToUser, SentToUser];
    expect(welcome.kind).toBe("cs");
    expect(welcome.message.text).toMatch(/^Chào mừng bạn đến với Chuyển đổi số quốc gia!/);
    expect(buttonsOf(welcome)).toEqual(MENU_BUTTONS(HOME));

    expect(consent.message.text).toMatch(/lưu xã\/phường và các chủ đề bạn chọn/);
    expect(consent.message.text).toMatch(/91\/2025\/QH15/);
    expect(consent.message.text).toMatch(/Bạn có đồng ý không\?$/);
    expect(buttonsOf(consent)).toEqual([
      { type: "oa.query.hide", title: "Đồng ý", payload: "#dong-y" },
      { type: "oa.query.hide", title: "Không đồng ý", payload: "#khong-dong-y" },
    ]);

    expect(await subscriber(U.welcome)).toMatchObject({
      following: 1,
      followed_at: followedAt,
      unfollowed_at: null,
      last_interaction_at: followedAt,
      consent_version: null,
      consent_text: null,
      consent_at: null,
      commune_code: null,
      province_code: null,
      topics: "[]",
      news_enabled: 0,
    });
  });

  it("consent stored with version, the exact text shown, and time; then topics 1 2 7, a commune, a tap → subscribed", async () => {
    const [, consent] = (await follow(U.subscribe)) as [SentToUser, SentToUser];
    clock.advanceMinutes(2);
    const agreedAt = clock.now().toISOString();

    const afterYes = await say(t.app, U.subscribe, "#dong-y");
    expect(afterYes).toHaveLength(2);
    expect(afterYes[0]!.message.text).toMatch(/Cảm ơn bạn đã đồng ý/);
    expect(afterYes[1]!.message.text).toContain("1. Điện thoại và Zalo");
    expect(afterYes[1]!.message.text).toContain("2. Dịch vụ công và VNeID");
    expect(afterYes[1]!.message.text).toContain("7. Tin chính quyền");
    expect(buttonsOf(afterYes[1]!)).toEqual([
      { type: "oa.query.hide", title: "Tất cả chủ đề", payload: "#chu-de:tat-ca" },
      { type: "oa.query.hide", title: "Hủy nhận tin", payload: "#huy" },
    ]);
    expect(await subscriber(U.subscribe)).toMatchObject({
      consent_version: CONSENT_VERSION,
      consent_text: consent.message.text,
      consent_at: agreedAt,
      news_enabled: 0,
    });

    const afterTopics = await say(t.app, U.subscribe, "1 2 7");
    expect(afterTopics).toHaveLength(1);
    expect(afterTopics[0]!.message.text).toMatch(/^Bạn ở xã\/phường nào\?/);

    const candidates = await say(t.app, U.subscribe, "ba dinh ha noi");
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.message.text).toContain("Phường Ba Đình, Thành phố Hà Nội");
    const pick = buttonsOf(candidates[0]!);
    expect(pick.length).toBeGreaterThanOrEqual(1);
    expect(pick.length).toBeLessThanOrEqual(5);
    expect(pick[0]).toEqual({ type: "oa.query.hide", title: "1. Phường Ba Đình", payload: "#xa:00004" });

    // The tap reaches the OA as a message carrying the button's payload.
    const done = await say(t.app, U.subscribe, "#xa:00004");
    expect(done).toHaveLength(1);
    expect(done[0]!.message.text).toBe(
      "Đã đăng ký nhận tin của Phường Ba Đình, Thành phố Hà Nội về: Điện thoại và Zalo, Dịch vụ công và VNeID, Tin chính quyền. Gõ “Hủy” bất cứ lúc nào để dừng nhận tin.",
    );
    expect(buttonsOf(done[0]!)).toEqual(MENU_BUTTONS(HOME));
    const row = await subscriber(U.subscribe);
    expect(row).toMatchObject({ commune_code: "00004", province_code: "01", news_enabled: 1, following: 1, dialogue: null });
    expect(JSON.parse(row!.topics)).toEqual(["co-ban", "dich-vu-cong", "chinh-quyen"]);

    // "Tin mới" for a subscriber: no news yet, and no invitation to subscribe.
    const news = await say(t.app, U.subscribe, "#tin-moi");
    expect(news[0]!.message.text).toMatch(/^Hiện chưa có tin mới/);
  });

  it('UNSUBSCRIBE ("Hủy") → news_enabled 0 while still following', async () => {
    const before = await subscriber(U.subscribe);
    expect(before).toMatchObject({ news_enabled: 1, following: 1 });
    const r = await say(t.app, U.subscribe, "Hủy");
    expect(r).toHaveLength(1);
    expect(r[0]!.message.text).toMatch(/^Bạn đã hủy nhận tin\. Bạn vẫn theo dõi/);
    expect(await subscriber(U.subscribe)).toMatchObject({ news_enabled: 0, following: 1, unfollowed_at: null });
    const news = await say(t.app, U.subscribe, "tin moi");
    expect(news[0]!.message.text).toMatch(/^Bạn chưa đăng ký nhận tin/);
    expect(buttonsOf(news[0]!)[0]).toEqual({ type: "oa.query.hide", title: "Đăng ký nhận tin", payload: "#nhan-tin" });
  });

  it("declining consent stores nothing about the person, and subscribing later asks again", async () => {
    await follow(U.declines);
    const r = await say(t.app, U.declines, "Không đồng ý");
    expect(r[0]!.message.text).toMatch(/^Không sao\. Chúng tôi sẽ không lưu/);
    expect(await subscriber(U.declines)).toMatchObject({ consent_version: null, consent_text: null, consent_at: null, commune_code: null, news_enabled: 0 });
    const again = await say(t.app, U.declines, "#nhan-tin");
    expect(again[0]!.message.text).toMatch(/Bạn có đồng ý không\?$/);
  });

  it.each([
    ["kich hoat vneid the nao", "kich-hoat-vneid"],
    ["Kích hoạt VNeID thế nào?", "kich-hoat-vneid"],
    ["dang nhap dvc", "dang-nhap-cong-dvc"],
    ["bi lua ck thi lam gi", "lo-chuyen-tien-cho-ke-lua-dao"],
  ])("a question answered: %j → the %s answer with a lesson link button (at once, or after picking it of two close entries)", async (question, faqId) => {
    if ((await sentTo(t.app, U.questions)).length === 0) await follow(U.questions);
    const unansweredBefore = await t.testDb.db.db.selectFrom("unanswered_questions").selectAll().execute();
    let r = await say(t.app, U.questions, question);
    expect(r).toHaveLength(1);
    if (r[0]!.message.text === "Bạn muốn hỏi điều nào dưới đây? Bấm vào câu đúng ý bạn:") {
      const pick = buttonsOf(r[0]!).find((b) => b.payload === `#faq:${faqId}`);
      expect(pick, "the entry is one of the two offered").toBeDefined();
      r = await say(t.app, U.questions, String(pick!.payload));
    }
    const entry = faqAnswer(faqId);
    expect(r[0]!.message.text).toBe(entry.answer);
    expect(buttonsOf(r[0]!)).toEqual([
      { type: "oa.open.url", title: "Xem bài học", payload: { url: lessonLink(entry.lesson) } },
      { type: "oa.query.hide", title: "Hỏi câu khác", payload: "#hoi-dap" },
      { type: "oa.query.hide", title: "Menu", payload: "#menu" },
    ]);
    expect(course.lessons.some((l) => l.id === entry.lesson)).toBe(true);
    expect(await t.testDb.db.db.selectFrom("unanswered_questions").selectAll().execute()).toEqual(unansweredBefore);
  });

  it("an unconfident question → the not-confident text, two lesson links, and a row in unanswered_questions", async () => {
    if ((await sentTo(t.app, U.questions)).length === 0) await follow(U.questions);
    const r = await say(t.app, U.questions, "gia vang hom nay");
    expect(r).toHaveLength(1);
    expect(r[0]!.message.text).toMatch(/^Xin lỗi, tôi chưa có câu trả lời chắc chắn/);
    const buttons = buttonsOf(r[0]!);
    expect(buttons).toHaveLength(3);
    const links = buttons.slice(0, 2);
    for (const b of links) {
      expect(b.type).toBe("oa.open.url");
      const url = (b.payload as { url: string }).url;
      const id = new URL(url).searchParams.get("lesson")!;
      const lesson = course.lessons.find((l) => l.id === id);
      expect(lesson, url).toBeDefined();
      expect(url).toBe(lessonLink(id));
      expect(b.title).toBe(lesson!.title.slice(0, 100));
    }
    expect(new Set(links.map((b) => (b.payload as { url: string }).url)).size).toBe(2);
    expect(buttons[2]).toEqual({ type: "oa.query.hide", title: "Menu", payload: "#menu" });

    const rows = await t.testDb.db.db.selectFrom("unanswered_questions").selectAll().where("user_id", "=", U.questions).execute();
    expect(rows).toEqual([
      expect.objectContaining({ user_id: U.questions, text: "gia vang hom nay", created_at: clock.now().toISOString(), resolved_at: null }),
    ]);
  });

  it("QUICK QUIZ: three questions graded by the server, the explanation after each answer, the final score", async () => {
    await follow(U.quiz);
    const first = await say(t.app, U.quiz, "#kiem-tra");
    expect(first).toHaveLength(1);
    const q1 = questionShown(first[0]!.message.text!);
    expect(first[0]!.message.text).toMatch(/^Câu 1\/3: /);
    expect(buttonsOf(first[0]!).map((b) => b.payload)).toEqual(q1.shown.map((_, i) => `#tl:${i}`));

    // 1: right, by tapping the button.
    const r1 = await say(t.app, U.quiz, `#tl:${q1.right}`);
    expect(r1).toHaveLength(2);
    expect(r1[0]!.message.text).toBe(`Đúng rồi! ${q1.shown[q1.right]!.explain}`);
    const q2 = questionShown(r1[1]!.message.text!);
    expect(r1[1]!.message.text).toMatch(/^Câu 2\/3: /);

    // Something that is not an answer: asked again, the quiz goes on.
    const notAnAnswer = await say(t.app, U.quiz, "hmm");
    expect(notAnAnswer).toHaveLength(2);
    expect(notAnAnswer[0]!.message.text).toMatch(/Hãy bấm một nút A, B, C/);
    expect(notAnAnswer[1]!.message.text).toBe(r1[1]!.message.text);

    // 2: wrong, by typing the letter.
    const wrong = q2.right === 0 ? 1 : 0;
    const r2 = await say(t.app, U.quiz, "ABCDE"[wrong]!.toLowerCase());
    expect(r2).toHaveLength(2);
    const rightOpt = q2.shown[q2.right]!;
    expect(r2[0]!.message.text).toBe(`Chưa đúng. ${q2.shown[wrong]!.explain}\nĐáp án đúng: ${"ABCDE"[q2.right]}. ${rightOpt.text} — ${rightOpt.explain}`);
    const q3 = questionShown(r2[1]!.message.text!);
    expect(r2[1]!.message.text).toMatch(/^Câu 3\/3: /);
    expect(new Set([q1.lesson.id, q2.lesson.id, q3.lesson.id]).size).toBe(3);

    // 3: right → the score, 2 of 3.
    const r3 = await say(t.app, U.quiz, `#tl:${q3.right}`);
    expect(r3).toHaveLength(2);
    expect(r3[0]!.message.text).toBe(`Đúng rồi! ${q3.shown[q3.right]!.explain}`);
    expect(r3[1]!.message.text).toBe("Bạn đúng 2/3 câu. Học thêm bài bên dưới để nắm chắc hơn nhé.");
    expect(buttonsOf(r3[1]!)).toEqual([
      { type: "oa.open.url", title: "Học bài này", payload: { url: lessonLink(q3.lesson.id) } },
      { type: "oa.query.hide", title: "Làm lại", payload: "#kiem-tra" },
      { type: "oa.query.hide", title: "Menu", payload: "#menu" },
    ]);
    expect((await subscriber(U.quiz))!.dialogue).toBeNull();

    // The quiz is over: a letter now is a question for the Hỏi đáp, not an answer.
    const after = await say(t.app, U.quiz, "#tl:0");
    expect(after[0]!.message.text).not.toMatch(/^(Đúng rồi|Chưa đúng)/);
  });

  it("every user message moves last_interaction_at forward, and an older event never moves it back", async () => {
    await follow(U.interaction);
    const seen: string[] = [(await subscriber(U.interaction))!.last_interaction_at!];
    expect(seen[0]).toBe(clock.now().toISOString());
    for (const text of ["menu", "hoi dap", "kich hoat vneid the nao"]) {
      clock.advanceMinutes(7);
      await say(t.app, U.interaction, text);
      const at = (await subscriber(U.interaction))!.last_interaction_at!;
      expect(at).toBe(clock.now().toISOString());
      expect(Date.parse(at)).toBeGreaterThan(Date.parse(seen.at(-1)!));
      seen.push(at);
    }

    // An event that happened earlier, arriving late (no ordering is promised): answered, but the time stays.
    const latest = seen.at(-1)!;
    const before = (await sentTo(t.app, U.interaction)).length;
    const old = userTextEvent(cfg, U.interaction, "menu", { timestamp: Date.parse(seen[1]!) + 60_000 });
    expect((await deliverSigned(t.app, cfg, old)).statusCode).toBe(200);
    await settle(t.app);
    expect(await sentTo(t.app, U.interaction)).toHaveLength(before + 1);
    expect((await subscriber(U.interaction))!.last_interaction_at).toBe(latest);
  });

  it("unfollow → following 0, and nothing more is sent to that person", async () => {
    await follow(U.unfollow);
    await say(t.app, U.unfollow, "#kiem-tra");
    clock.advanceMinutes(1);
    const sentBefore = (await sentTo(t.app, U.unfollow)).length;
    await userDoes(t.app, U.unfollow, "unfollow");
    expect(await subscriber(U.unfollow)).toMatchObject({ following: 0, unfollowed_at: clock.now().toISOString(), dialogue: null });
    expect(await sentTo(t.app, U.unfollow)).toHaveLength(sentBefore);

    await userDoes(t.app, U.unfollow, "send", "menu");
    await userDoes(t.app, U.unfollow, "send", "kich hoat vneid the nao");
    expect(await sentTo(t.app, U.unfollow)).toHaveLength(sentBefore);
    const sentRows = await t.testDb.db.db
      .selectFrom("oa_messages")
      .selectAll()
      .where("user_id", "=", U.unfollow)
      .where("status", "=", "sent")
      .where("created_at", ">=", clock.now().toISOString())
      .execute();
    expect(sentRows).toEqual([]);
    expect((await subscriber(U.unfollow))!.following).toBe(0);

    // Following again brings the conversation back.
    const back = await follow(U.unfollow);
    expect(back[0]!.message.text).toMatch(/^Chào mừng/);
    expect((await subscriber(U.unfollow))!.following).toBe(1);
  });
});

describe.each(DIALECTS)("a learner of the mini app who follows the OA, on %s", (dialect) => {
  let t: TestApp;
  const fixture = fixtureCourse();
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));

  beforeAll(async () => {
    t = await createTestApp(dialect, { course: fixture, clock });
    await t.app.ready();
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gets "Học kỹ năng số" pointing to their next lesson (Graph user_id_by_oa = the follower id)', async () => {
    const { token } = await signInAs(t.app, 0);
    const follower = (await t.testDb.db.db.selectFrom("learners").select("id_by_oa").executeTakeFirstOrThrow()).id_by_oa!;
    expect(follower).toBe("7700000000000000001");

    await userDoes(t.app, follower, "follow");
    const welcome = (await sentTo(t.app, follower))[0]!;
    expect(buttonsOf(welcome)[0]).toEqual({ type: "oa.open.url", title: "Học kỹ năng số", payload: { url: lessonLink("bat-may") } });

    // Passing the first lesson in the mini app moves the link to the next one.
    const sync = await t.app.inject({
      method: "POST",
      url: "/api/v1/progress/sync",
      headers: { authorization: `Bearer ${token}` },
      payload: {
        events: [
          { kind: "attempt", id: "9f0e2b1c-1111-4a4a-8b8b-000000000001", lessonId: "bat-may", answers: answers("bat-may"), at: clock.now().toISOString() },
        ],
      },
    });
    expect(sync.statusCode).toBe(200);
    expect(sync.json().results[0]).toMatchObject({ status: "accepted", passed: true });

    const menu = await say(t.app, follower, "menu");
    expect(buttonsOf(menu[0]!)).toEqual(MENU_BUTTONS(lessonLink("ket-noi-wifi")));
    const learn = await say(t.app, follower, "Học");
    expect(buttonsOf(learn[0]!)[0]).toEqual({ type: "oa.open.url", title: "Mở bài học", payload: { url: lessonLink("ket-noi-wifi") } });
  });

  it("a follower who never signed in to the mini app gets the mini app's home", async () => {
    const other = "7700000000000000005";
    await userDoes(t.app, other, "follow");
    expect(buttonsOf((await sentTo(t.app, other))[0]!)[0]).toEqual({ type: "oa.open.url", title: "Học kỹ năng số", payload: { url: HOME } });
  });
});
