import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { startHttpStub, type HttpStub } from "../helpers/http-stub.js";
import { DEFAULT_FAULTS as SANDBOX_DEFAULTS } from "../../bot-server/src/sandbox/world.js";
import { sandboxConfig, sandboxOaTokens, tokenRequest, zaloSignature, type SandboxConfig, type SandboxTokens } from "../helpers/oa.js";

const course = fixtureCourse();
const HOUR = 60;
const DAY = 24 * HOUR;
// Every test starts from the sandbox's defaults.
const DEFAULT_FAULTS = SANDBOX_DEFAULTS;

/** Zalo's promotion template as the Java SDK's v3/SendPromotionMessage builds it (banner, header, text, table, buttons). */
const PROMOTION = {
  attachment: {
    type: "template",
    payload: {
      template_type: "promotion",
      elements: [
        { type: "banner", image_url: "https://example.vn/a.jpg" },
        { type: "header", align: "left", content: "Tin khuyến mãi" },
        { type: "text", align: "left", content: "Nội dung" },
        {
          type: "table",
          content: [
            { key: "Mã", value: "F-01" },
            { key: "Trạng thái", value: "Mới", style: "yellow" },
          ],
        },
      ],
      buttons: [{ type: "oa.open.url", title: "Xem", payload: { url: "https://example.vn" }, image_icon: "" }],
    },
  },
};

let userSeq = 0;
/** A fresh user id for each scenario. */
const newUserId = () => `77000000000000${String(300 + ++userSeq).padStart(5, "0")}`;

describe.each(DIALECTS)("the Zalo sandbox (OA OpenAPI, OAuth, users) on %s", (dialect) => {
  let t: TestApp;
  let hook: HttpStub;
  let cfg: SandboxConfig;
  let tokens: SandboxTokens;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));

  // The sandbox delivers its webhook events to a recording stub, so the bot does not answer and the tests see
  // exactly what the sandbox does.
  beforeAll(async () => {
    hook = await startHttpStub();
    t = await createTestApp(dialect, { course, clock }, { SANDBOX_WEBHOOK_URL: `${hook.url}/hook` });
    await t.app.ready();
    cfg = await sandboxConfig(t.app);
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
  });
  beforeEach(async () => {
    tokens = await sandboxOaTokens(t.app);
  });
  afterEach(async () => {
    await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: DEFAULT_FAULTS });
  });

  const faults = async (f: Record<string, unknown>) => {
    const res = await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: f });
    expect(res.statusCode).toBe(200);
  };
  const user = async (action: "follow" | "unfollow" | "send", id: string, text = "xin chào") => {
    const res = await t.app.inject({ method: "POST", url: `/sandbox/users/${id}/${action}`, ...(action === "send" ? { payload: { text } } : {}) });
    expect(res.statusCode).toBe(200);
    return res.json() as { ok: true; user_id: string; msg_id?: string };
  };
  const send = async (userId: string, message: unknown, kind = "cs", token: string | null = tokens.access_token) => {
    const res = await t.app.inject({
      method: "POST",
      url: `/sandbox/openapi/v3.0/oa/message/${kind}`,
      headers: { "content-type": "application/json", ...(token === null ? {} : { access_token: token }) },
      payload: { recipient: { user_id: userId }, message },
    });
    // Zalo answers errors with HTTP 200 and a negative `error`.
    expect(res.statusCode).toBe(200);
    return res.json() as { error: number; message: string; data?: { message_id: string; user_id: string; sent_time: string; quota?: { quota_type: string } } };
  };
  const get = async (path: string, data: unknown, token: string = tokens.access_token) => {
    const res = await t.app.inject({
      url: `/sandbox/openapi/v3.0/oa/${path}?data=${encodeURIComponent(JSON.stringify(data))}`,
      headers: { access_token: token },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { error: number; message: string; data?: Record<string, unknown> };
  };
  /** Moves the clock forward to the next time it is hh:mm in Vietnam (UTC+7). */
  const moveToVietnamTime = (hh: number, mm: number) => {
    const now = clock.now().getTime();
    const target = new Date(now);
    target.setUTCHours(hh - 7, mm, 0, 0);
    let at = target.getTime();
    while (at <= now) at += DAY * 60_000;
    clock.set(new Date(at));
  };

  describe("message endpoints", () => {
    it("a follower gets a cs message: error 0, message id, free quota within 48 h", async () => {
      const u = newUserId();
      await user("follow", u);
      const r = await send(u, { text: "Chào bạn" });
      expect(r).toEqual({
        error: 0,
        message: "Success",
        data: { message_id: expect.stringMatching(/^[0-9a-f]{32}$/), user_id: u, sent_time: String(clock.now().getTime()), quota: { quota_type: "reply" } },
      });
    });

    it("enforce follower status: never followed, unknown, or unfollowed → -213", async () => {
      const wrote = newUserId();
      await user("send", wrote); // wrote to the OA but does not follow
      expect((await send(wrote, { text: "a" })).error).toBe(-213);
      expect((await send("7799999999999999999", { text: "a" })).error).toBe(-213);
      const left = newUserId();
      await user("follow", left);
      expect((await send(left, { text: "a" })).error).toBe(0);
      await user("unfollow", left);
      expect((await send(left, { text: "a" })).error).toBe(-213);
    });

    it("the 7-day window: cs is a free reply up to 48 h, proactive (the OA's quota) up to 7 days, then -230 until the user writes again", async () => {
      const u = newUserId();
      await user("follow", u);
      const later = async (minutes: number) => {
        clock.advanceMinutes(minutes);
        tokens = await sandboxOaTokens(t.app); // an access token lives 25 hours
      };
      await later(47 * HOUR);
      expect((await send(u, { text: "a" })).data?.quota).toEqual({ quota_type: "reply" });
      await later(2 * HOUR);
      expect((await send(u, { text: "a" })).data?.quota).toEqual({ quota_type: "sub_quota" });
      await later(7 * DAY - 49 * HOUR - 1);
      expect((await send(u, { text: "a" })).error).toBe(0);
      await later(2);
      expect((await send(u, { text: "a" })).error).toBe(-230);
      await user("send", u, "tôi quay lại");
      const back = await send(u, { text: "a" });
      expect(back.error).toBe(0);
      expect(back.data?.quota).toEqual({ quota_type: "reply" });
    });

    // daopk/zaloapi packages/oa/src/quota.ts getMessageQuota: POST /v3.0/oa/quota/message {user_id} →
    // last_interaction (unix milliseconds) and cs_reply {remain, total}.
    it("one person's quota: the exact last interaction and the free replies left in the window", async () => {
      const u = newUserId();
      await user("follow", u);
      const at = clock.now().getTime();
      await send(u, { text: "một" });
      await send(u, { text: "hai" });
      const res = await t.app.inject({
        method: "POST",
        url: "/sandbox/openapi/v3.0/oa/quota/message",
        headers: { access_token: tokens.access_token },
        payload: { user_id: u },
      });
      expect(res.json()).toMatchObject({ error: 0, data: { last_interaction: String(at), cs_reply: { remain: 6, total: 8 } } });
      const bad = await t.app.inject({
        method: "POST",
        url: "/sandbox/openapi/v3.0/oa/quota/message",
        headers: { access_token: tokens.access_token },
        payload: { user_id: "7799999999999999990" },
      });
      expect(bad.json().error).toBe(-201);
    });

    // Zalo OA support (2024, zalo-platform.md): 8 free replies per 48 h window, reset when the user interacts; then
    // proactive: the package's quota (sub_quota), then Zalo Cloud money (purchase_quota), then -211.
    it("free replies are capped per window; then the OA's quota, then Zalo Cloud money, then -211 (out of quota)", async () => {
      const u = newUserId();
      await user("follow", u);
      await faults({ freeRepliesPerWindow: 3, proactiveQuota: 2, cloudBalanceVnd: 110, paidMessagePriceVnd: 55 });
      const types: (string | number)[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await send(u, { text: `${i}` });
        types.push(r.error === 0 ? r.data!.quota!.quota_type : r.error);
      }
      expect(types).toEqual(["reply", "reply", "reply", "sub_quota", "sub_quota", "purchase_quota", "purchase_quota", -211]);
      expect(
        (await t.app.inject({ method: "POST", url: "/sandbox/openapi/v2.0/oa/quota/message", headers: { access_token: tokens.access_token } })).json(),
      ).toEqual({ error: 0, message: "Success", data: { type: "sub_quota", remain: 0, total: 2 } });
      await user("send", u, "tôi hỏi tiếp");
      expect((await send(u, { text: "trả lời" })).data?.quota).toEqual({ quota_type: "reply" });
      await faults({ freeRepliesPerWindow: 0 }); // 0: no cap
      for (let i = 0; i < 5; i++) expect((await send(u, { text: `${i}` })).data?.quota).toEqual({ quota_type: "reply" });
    });

    // Shapes from zaloplatform/zalo-java-sdk src/test/java/v3 (SendImageCSMessage, SendRequestUserInfoCSMessage,
    // SendFileCSMessage) and zalo-php-sdk MessageBuilder; the list template is not taken by v3 (daopk/zaloapi
    // helpers.ts: "V3 does not support this template").
    it("cs takes Zalo's templates and nothing else: media, request_user_info, buttons, file; anything else → -201", async () => {
      const u = newUserId();
      await user("follow", u);
      const tpl = (payload: unknown, text?: string) => ({ ...(text ? { text } : {}), attachment: { type: "template", payload } });
      const good = [
        tpl({ template_type: "media", elements: [{ media_type: "image", url: "https://example.vn/a.jpg" }] }, "Chú thích"),
        tpl({ template_type: "media", elements: [{ media_type: "sticker", attachment_id: "c09965c25987b0d9e996" }] }),
        tpl({ template_type: "request_user_info", elements: [{ title: "OA", subtitle: "Xin thông tin", image_url: "https://example.vn/a.jpg" }] }),
        tpl({ template_type: "button", buttons: [{ type: "oa.query.show", title: "Menu", payload: "#menu" }] }, "Chọn"),
        { attachment: { type: "file", payload: { token: "tok" } } },
      ];
      for (const m of good) expect((await send(u, m)).error, JSON.stringify(m)).toBe(0);
      const bad = [
        tpl({ template_type: "list", elements: [{ title: "a", subtitle: "b", image_url: "https://example.vn/a.jpg" }] }),
        tpl({ template_type: "media", elements: [{ media_type: "video", url: "https://example.vn/a.mp4" }] }),
        tpl({ template_type: "media", elements: [{ media_type: "image" }] }),
        tpl({ template_type: "carousel", elements: [] }),
        tpl({ buttons: [{ type: "oa.query.show", title: "Menu", payload: "#menu" }] }), // buttons without text
        { text: "a", extra: true },
        PROMOTION, // a promotion template goes to /message/promotion
      ];
      for (const m of bad) expect((await send(u, m)).error, JSON.stringify(m)).toBe(-201);
    });

    it("text over 2,000 characters → -201; exactly 2,000 is sent", async () => {
      const u = newUserId();
      await user("follow", u);
      const r = await send(u, { text: "a".repeat(2001) });
      expect(r.error).toBe(-201);
      expect(r.message).toMatch(/text/);
      expect((await send(u, { text: "a".repeat(2000) })).error).toBe(0);
    });

    it("more than 5 buttons → -201; 5 are sent", async () => {
      const u = newUserId();
      await user("follow", u);
      const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "oa.query.hide", title: `Nút ${i + 1}`, payload: `#b${i}` }));
      const msg = (n: number) => ({ text: "Chọn", attachment: { type: "template", payload: { buttons: buttons(n) } } });
      expect((await send(u, msg(6))).error).toBe(-201);
      expect((await send(u, msg(5))).error).toBe(0);
    });

    it("other malformed messages → -201 (unknown kind, a button without title, a bad URL)", async () => {
      const u = newUserId();
      await user("follow", u);
      expect((await send(u, { text: "a" }, "broadcast")).error).toBe(-201);
      expect(
        (await send(u, { text: "a", attachment: { type: "template", payload: { buttons: [{ type: "oa.query.hide", title: "", payload: "#x" }] } } })).error,
      ).toBe(-201);
      expect(
        (
          await send(u, {
            text: "a",
            attachment: { type: "template", payload: { buttons: [{ type: "oa.open.url", title: "Mở", payload: { url: "not a url" } }] } },
          })
        ).error,
      ).toBe(-201);
    });

    it("rate limit → -32 beyond rateLimitPerMinute calls in a minute; the next minute calls go through again", async () => {
      const u = newUserId();
      await user("follow", u);
      clock.advanceMinutes(2); // a minute with no calls in it
      await faults({ rateLimitPerMinute: 3 });
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push((await send(u, { text: `${i}` })).error);
      expect(answers).toEqual([0, 0, 0, -32, -32]);
      expect((await get("user/detail", { user_id: u })).error).toBe(-32);
      clock.advanceMinutes(1);
      clock.set(new Date(clock.now().getTime() + 1000));
      expect((await send(u, { text: "again" })).error).toBe(0);
    });

    it("promotion when not enabled → -224", async () => {
      const u = newUserId();
      await user("follow", u);
      moveToVietnamTime(10, 0);
      tokens = await sandboxOaTokens(t.app);
      expect((await send(u, PROMOTION, "promotion")).error).toBe(-224);
    });

    it.each([
      [22, 0, -234],
      [23, 30, -234],
      [2, 0, -234],
      [5, 59, -234],
      [6, 0, 0],
      [12, 0, 0],
      [21, 59, 0],
    ])("promotion enabled at %i:%i Vietnam time → %i (not allowed 22:00–06:00)", async (hh, mm, expected) => {
      await faults({ promotionEnabled: true });
      const u = newUserId();
      moveToVietnamTime(hh, mm);
      tokens = await sandboxOaTokens(t.app);
      await user("follow", u);
      expect((await send(u, PROMOTION, "promotion")).error).toBe(expected);
    });

    // Java SDK v3/SendPromotionMessage: /message/promotion takes the promotion template only; plain text is refused.
    // Zalo Cloud money pays for it (-320 without an account, -321 out of money: the Odoo module's error table).
    it("promotion: plain text or a wrong template → -201; no Zalo Cloud Account → -320; out of money → -321", async () => {
      await faults({ promotionEnabled: true, promotionPriceVnd: 100, cloudBalanceVnd: 150 });
      const u = newUserId();
      moveToVietnamTime(10, 0);
      tokens = await sandboxOaTokens(t.app);
      await user("follow", u);
      expect((await send(u, { text: "Tin khuyến mãi" }, "promotion")).error).toBe(-201);
      expect(
        (await send(u, { attachment: { type: "template", payload: { template_type: "promotion", elements: [{ type: "header" }] } } }, "promotion")).error,
      ).toBe(-201);
      expect(
        (
          await send(
            u,
            { attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: "https://example.vn/a.jpg" }] } } },
            "promotion",
          )
        ).error,
      ).toBe(-201);
      expect((await send(u, PROMOTION, "promotion")).data?.quota).toEqual({ quota_type: "purchase_quota" });
      expect((await send(u, PROMOTION, "promotion")).error).toBe(-321);
      await faults({ cloudAccount: false });
      expect((await send(u, PROMOTION, "promotion")).error).toBe(-320);
    });

    it("invalid token → -216 (missing, unknown, or a refresh token used as an access token)", async () => {
      const u = newUserId();
      await user("follow", u);
      expect((await send(u, { text: "a" }, "cs", null)).error).toBe(-216);
      expect((await send(u, { text: "a" }, "cs", "not-a-token")).error).toBe(-216);
      expect((await send(u, { text: "a" }, "cs", tokens.refresh_token)).error).toBe(-216);
      expect((await get("user/getlist", { offset: 0, count: 1 }, "not-a-token")).error).toBe(-216);
    });

    it("expired token → -220 (tokenTtlSeconds small, then the clock moves past it)", async () => {
      await faults({ tokenTtlSeconds: 60 });
      const short = await sandboxOaTokens(t.app);
      expect(short.expires_in).toBe("60");
      const u = newUserId();
      await user("follow", u);
      expect((await send(u, { text: "a" }, "cs", short.access_token)).error).toBe(0);
      clock.advanceMinutes(1);
      clock.set(new Date(clock.now().getTime() + 1000));
      expect((await send(u, { text: "a" }, "cs", short.access_token)).error).toBe(-220);
      expect((await get("user/detail", { user_id: u }, short.access_token)).error).toBe(-220);
    });

    it("injected errors: errorRate 1 answers every call with errorCode (HTTP 200)", async () => {
      const u = newUserId();
      await user("follow", u);
      await faults({ errorRate: 1, errorCode: -217 });
      expect((await send(u, { text: "a" })).error).toBe(-217);
      await faults({ errorRate: 0 });
      expect((await send(u, { text: "a" })).error).toBe(0);
    });
  });

  describe("followers", () => {
    it("user/getlist: only followers, paged by offset and count; count 1–50 and offset 0–9951 enforced (-201)", async () => {
      const a = newUserId();
      const b = newUserId();
      await user("follow", a);
      await user("follow", b);
      await user("send", newUserId()); // not a follower
      const everyone = (await t.app.inject({ url: "/sandbox/oa/users" })).json() as { id: string; following: boolean }[];
      const followers = everyone.filter((x) => x.following).map((x) => x.id);
      expect(followers).toEqual(expect.arrayContaining([a, b]));

      const sorted = [...followers].sort();
      const all = await get("user/getlist", { offset: 0, count: 50, is_follower: true });
      expect(all.error).toBe(0);
      expect(all.data).toEqual({ total: followers.length, count: followers.length, offset: 0, users: sorted.map((id) => ({ user_id: id })) });

      // is_follower arrives as a boolean or as the string "true" in integrations.
      const second = await get("user/getlist", { offset: 1, count: 1, is_follower: "true" });
      expect(second.data).toEqual({ total: followers.length, count: 1, offset: 1, users: [{ user_id: sorted[1] }] });
      const last = await get("user/getlist", { offset: 9951, count: 50, is_follower: true });
      expect(last.data).toMatchObject({ total: followers.length, count: 0, offset: 9951, users: [] });

      for (const bad of [
        { offset: 0, count: 51 },
        { offset: 0, count: 0 },
        { offset: -1, count: 10 },
        { offset: 9952, count: 10 },
        { offset: 0.5, count: 10 },
        {},
        { offset: 0, count: 10, last_interaction_period: "L90D" },
        { offset: 0, count: 10, is_follower: "yes" },
        { offset: 0, count: 10, page: 2 },
      ]) {
        const r = await get("user/getlist", bad);
        expect(r.error, JSON.stringify(bad)).toBe(-201);
      }
    });

    // Periods from a wrapper's docblock (TODAY, YESTERDAY, L7D, L30D, YYYY_MM_DD:YYYY_MM_DD), Vietnam dates.
    it("user/getlist filters by last_interaction_period and tag_name", async () => {
      const world = t.app.sandbox!.world;
      const ids = Array.from({ length: 5 }, () => newUserId());
      const daysAgo = [0, 1, 3, 20, 60];
      ids.forEach((id, i) => {
        const u = world.addUser(id);
        world.setFollowing(u, true);
        u.lastInteractionAt = clock.now().getTime() - daysAgo[i]! * DAY * 60_000;
      });
      world.version++;
      const inList = async (period: string) =>
        ((await get("user/getlist", { offset: 0, count: 50, is_follower: true, last_interaction_period: period })).data!.users as { user_id: string }[])
          .map((x) => x.user_id)
          .filter((x) => ids.includes(x));
      expect(await inList("TODAY")).toEqual([ids[0]]);
      expect(await inList("YESTERDAY")).toEqual([ids[1]]);
      expect(await inList("L7D")).toEqual([ids[0], ids[1], ids[2]]);
      expect(await inList("L30D")).toEqual([ids[0], ids[1], ids[2], ids[3]]);
      const d = new Date(clock.now().getTime() - 20 * DAY * 60_000 + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "_");
      expect(await inList(`${d}:${d}`)).toEqual([ids[3]]);
      const tag = (
        await t.app.inject({
          method: "POST",
          url: "/sandbox/openapi/v2.0/oa/tag/tagfollower",
          headers: { access_token: tokens.access_token },
          payload: { user_id: ids[4], tag_name: "xa-00004" },
        })
      ).json();
      expect(tag).toEqual({ error: 0, message: "Success" });
      const tagged = await get("user/getlist", { offset: 0, count: 50, tag_name: "xa-00004" });
      expect(tagged.data).toMatchObject({ total: 1, users: [{ user_id: ids[4] }] });
      expect((await get("user/detail", { user_id: ids[4] })).data).toMatchObject({ tags_and_notes_info: { tag_names: ["xa-00004"] } });
      await t.app.inject({
        method: "POST",
        url: "/sandbox/openapi/v2.0/oa/tag/rmfollowerfromtag",
        headers: { access_token: tokens.access_token },
        payload: { user_id: ids[4], tag_name: "xa-00004" },
      });
      expect((await get("user/getlist", { offset: 0, count: 50, tag_name: "xa-00004" })).data).toMatchObject({ total: 0 });
    });

    it("user/detail: a known user's profile, follower flag and last interaction date (Vietnam date); unknown user → -201", async () => {
      const u = newUserId();
      moveToVietnamTime(1, 0); // 01:00 in Vietnam is still the day before in UTC
      tokens = await sandboxOaTokens(t.app);
      await user("follow", u);
      const vnDate = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(clock.now());
      const utcDate = clock.now().toISOString().slice(0, 10).split("-").reverse().join("/");
      expect(vnDate).not.toBe(utcDate);
      const r = await get("user/detail", { user_id: u });
      expect(r.error).toBe(0);
      expect(r.data).toMatchObject({
        user_id: u,
        user_id_by_app: expect.stringMatching(/^\d+$/),
        display_name: expect.any(String),
        user_is_follower: true,
        user_last_interaction_date: vnDate,
      });
      expect((await get("user/detail", { user_id: "7799999999999999998" })).error).toBe(-201);
      await user("unfollow", u);
      expect((await get("user/detail", { user_id: u })).data).toMatchObject({ user_is_follower: false });
    });
  });

  describe("the OAuth v4 token endpoint", () => {
    it("gives a pair with expires_in as a string; the refresh token is single-use (second use → error with HTTP 200)", async () => {
      expect(tokens.expires_in).toBe("90000");
      const before = t.app.sandbox!.world.tokenCalls.refresh;
      const refresh = () => tokenRequest(t.app, cfg.app_secret, { app_id: cfg.app_id, grant_type: "refresh_token", refresh_token: tokens.refresh_token });
      const first = await refresh();
      expect(first.statusCode).toBe(200);
      const pair = first.json() as SandboxTokens;
      expect(pair).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: "90000" });
      expect(pair.access_token).not.toBe(tokens.access_token);
      expect(pair.refresh_token).not.toBe(tokens.refresh_token);

      const again = await refresh();
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ error: -14014, error_name: expect.any(String), error_description: expect.any(String) });
      expect(again.json().access_token).toBeUndefined();

      const next = await tokenRequest(t.app, cfg.app_secret, { app_id: cfg.app_id, grant_type: "refresh_token", refresh_token: pair.refresh_token });
      expect(next.json().access_token).toEqual(expect.any(String));
      expect(t.app.sandbox!.world.tokenCalls.refresh).toBe(before + 3);

      // The new access token works.
      expect((await get("user/getlist", { offset: 0, count: 1 }, pair.access_token)).error).toBe(0);
    });

    it("refuses a wrong secret_key, app_id or grant_type, a reused code and a wrong verifier — all with HTTP 200", async () => {
      const form = { app_id: cfg.app_id, grant_type: "refresh_token", refresh_token: tokens.refresh_token };
      const cases: [string, Record<string, string>, number][] = [
        ["wrong-secret", form, -14002],
        [cfg.app_secret, { ...form, app_id: "3100000000000000999" }, -14001],
        [cfg.app_secret, { ...form, grant_type: "password" }, -14003],
        [cfg.app_secret, { app_id: cfg.app_id, grant_type: "authorization_code", code: "nope", code_verifier: "x".repeat(43) }, -14019],
      ];
      for (const [secret, body, code] of cases) {
        const res = await tokenRequest(t.app, secret, body);
        expect(res.statusCode).toBe(200);
        expect(res.json().error).toBe(code);
      }
      // The refresh token was not spent by the refused calls.
      expect((await tokenRequest(t.app, cfg.app_secret, form)).json().access_token).toEqual(expect.any(String));

      // A code is bound to its challenge and good once.
      const consent = await t.app.inject({
        url: `/sandbox/oauth/v4/oa/permission?${new URLSearchParams({ app_id: cfg.app_id, redirect_uri: "http://localhost/cb", code_challenge: "A".repeat(43), state: "x" })}`,
      });
      expect(consent.statusCode).toBe(302);
      const code = new URL(String(consent.headers.location)).searchParams.get("code")!;
      const wrongVerifier = await tokenRequest(t.app, cfg.app_secret, {
        app_id: cfg.app_id,
        grant_type: "authorization_code",
        code,
        code_verifier: "b".repeat(43),
      });
      expect(wrongVerifier.json().error).toBe(-14020);
    });

    it("refreshErrorCode makes every refresh fail with that error and HTTP 200", async () => {
      await faults({ refreshErrorCode: -14008 });
      const res = await tokenRequest(t.app, cfg.app_secret, { app_id: cfg.app_id, grant_type: "refresh_token", refresh_token: tokens.refresh_token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ error: -14008 });
    });

    it("the consent page redirects to redirect_uri with code, oa_id and state; without a challenge it is refused", async () => {
      const ok = await t.app.inject({
        url: `/sandbox/oauth/v4/oa/permission?${new URLSearchParams({ app_id: cfg.app_id, redirect_uri: "https://ops.example.vn/oauth/zalo/callback", code_challenge: "c".repeat(43), state: "st-1" })}`,
      });
      expect(ok.statusCode).toBe(302);
      const to = new URL(String(ok.headers.location));
      expect(to.origin + to.pathname).toBe("https://ops.example.vn/oauth/zalo/callback");
      expect(to.searchParams.get("oa_id")).toBe(cfg.oa_id);
      expect(to.searchParams.get("state")).toBe("st-1");
      expect(to.searchParams.get("code")).toEqual(expect.any(String));
      const bad = await t.app.inject({
        url: `/sandbox/oauth/v4/oa/permission?${new URLSearchParams({ app_id: cfg.app_id, redirect_uri: "https://x.vn/cb" })}`,
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe("sandbox users and what the OA sent them", () => {
    it("GET /sandbox/messages returns what was sent, oldest first, with kind and time; only that user's", async () => {
      const u = newUserId();
      const other = newUserId();
      await user("follow", u);
      await user("follow", other);
      const times: string[] = [];
      const bodies = [
        { text: "một" },
        { text: "hai", attachment: { type: "template", payload: { buttons: [{ type: "oa.query.hide", title: "Menu", payload: "#menu" }] } } },
        { attachment: { type: "template", payload: { template_type: "transaction_order", language: "VI", elements: [{ type: "header", content: "ba" }] } } },
      ];
      const ids: string[] = [];
      for (const [i, m] of bodies.entries()) {
        clock.advanceMinutes(1);
        times.push(clock.now().toISOString());
        ids.push((await send(u, m, i === 2 ? "transaction" : "cs")).data!.message_id);
        await send(other, { text: "không phải của bạn" });
      }
      const res = await t.app.inject({ url: `/sandbox/messages?user_id=${u}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([
        { message_id: ids[0], kind: "cs", message: bodies[0], time: times[0] },
        { message_id: ids[1], kind: "cs", message: bodies[1], time: times[1] },
        { message_id: ids[2], kind: "transaction", message: bodies[2], time: times[2] },
      ]);
      // Refused messages are not in the list.
      await user("unfollow", u);
      await send(u, { text: "bốn" });
      expect((await t.app.inject({ url: `/sandbox/messages?user_id=${u}` })).json()).toHaveLength(3);
      expect((await t.app.inject({ url: "/sandbox/messages?user_id=7799999999999999997" })).json()).toEqual([]);
    });

    it("an unknown user id in /sandbox/users/:id/send creates that user, who then writes to the OA (a signed user_send_text)", async () => {
      const u = "9123456789";
      const before = (await t.app.inject({ url: "/sandbox/oa/users" })).json() as { id: string }[];
      expect(before.some((x) => x.id === u)).toBe(false);
      const r = await user("send", u, "xin chào OA");
      expect(r).toEqual({ ok: true, user_id: u, msg_id: expect.any(String) });
      const after = (await t.app.inject({ url: "/sandbox/oa/users" })).json() as { id: string; app_user_id: string; name: string; following: boolean }[];
      expect(after.find((x) => x.id === u)).toEqual({ id: u, app_user_id: expect.stringMatching(/^\d+$/), name: expect.any(String), following: false });

      await expect.poll(() => hook.requests.some((q) => (q.json?.message as { msg_id?: string } | undefined)?.msg_id === r.msg_id)).toBe(true);
      const req = hook.requests.find((q) => (q.json?.message as { msg_id?: string } | undefined)?.msg_id === r.msg_id)!;
      expect(req.url).toBe("/hook");
      expect(req.json).toEqual({
        app_id: cfg.app_id,
        user_id_by_app: expect.any(String),
        event_name: "user_send_text",
        timestamp: String(clock.now().getTime()),
        sender: { id: u },
        recipient: { id: cfg.oa_id },
        message: { msg_id: r.msg_id, text: "xin chào OA" },
      });
      const ts = String(req.json!.timestamp);
      expect(req.headers["x-zevent-signature"]).toBe(`mac=${zaloSignature(cfg.app_id, req.raw, ts, cfg.oa_secret_key)}`);
      expect(req.headers["num_retry"]).toBeUndefined();
    });

    it("follow, a sent message's echo and receipt, and seen reach the webhook as Zalo shapes them", async () => {
      const u = newUserId();
      const from = hook.requests.length;
      await user("follow", u);
      const sent = await send(u, { text: "Chào" });
      const seen = await t.app.inject({ method: "POST", url: `/sandbox/users/${u}/seen` });
      expect(seen.json()).toEqual({ ok: true, user_id: u, seen: 1 });
      const mine = () => hook.requests.slice(from).filter((q) => JSON.stringify(q.json).includes(u));
      await expect.poll(() => mine().length).toBe(4);
      const byName = Object.fromEntries(mine().map((q) => [q.json!.event_name as string, q.json]));
      expect(byName["follow"]).toMatchObject({ oa_id: cfg.oa_id, follower: { id: u }, app_id: cfg.app_id, source: expect.any(String) });
      expect(byName["follow"]!.sender).toBeUndefined();
      expect(byName["oa_send_text"]).toMatchObject({
        sender: { id: cfg.oa_id },
        recipient: { id: u },
        message: { msg_id: sent.data!.message_id, text: "Chào" },
      });
      expect(byName["user_received_message"]).toMatchObject({ recipient: { id: u }, message: { msg_id: sent.data!.message_id } });
      expect(byName["user_seen_message"]).toMatchObject({ recipient: { id: u }, message: { msg_ids: [sent.data!.message_id] } });
      for (const q of mine()) {
        expect(q.headers["x-zevent-signature"]).toBe(`mac=${zaloSignature(cfg.app_id, q.raw, String(q.json!.timestamp), cfg.oa_secret_key)}`);
        expect(typeof q.json!.timestamp).toBe("string");
      }
    });
  });
});
