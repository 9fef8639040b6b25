import Bottleneck from "bottleneck";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../tests/helpers/net.js";
import { startHttpStub, type HttpStub, type StubAnswer } from "../../../tests/helpers/http-stub.js";
import { classifyZaloError, HTTP_ERROR, NETWORK_ERROR, ZaloApiError, type ZaloErrorClass } from "./errors.js";
import { limiterSettings, oaClient, zaloRateLimiter, type TokenSource } from "./oa-client.js";

/** Zalo's error table (../shared/zalo-platform.md) and what each code must lead to. */
const TABLE: [number, ZaloErrorClass][] = [
  [-32, "retry"],
  [-100, "retry"],
  [-216, "refresh"],
  [-220, "refresh"],
  [-213, "unreachable"],
  [-217, "unreachable"],
  [-227, "unreachable"],
  [-230, "unreachable"],
  [-232, "unreachable"],
  [-234, "unreachable"],
  [-244, "unreachable"],
  [-201, "permanent"],
  [-204, "permanent"],
  [-205, "permanent"],
  [-211, "quota"],
  [-224, "permanent"],
  [-240, "permanent"],
  [-242, "permanent"],
  [-320, "quota"],
  [-321, "quota"],
];

describe("classifyZaloError: EVERY ERROR CLASS", () => {
  it.each(TABLE)("%i → %s", (code, cls) => {
    expect(classifyZaloError(code)).toBe(cls);
    const err = new ZaloApiError(code, "from Zalo");
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: "ZaloApiError", code, errorClass: cls });
    expect(err.message).toBe(`Zalo error ${code}: from Zalo`);
  });

  it("an unknown code is permanent (never retried blindly); an explicit class wins", () => {
    expect(classifyZaloError(-99999)).toBe("permanent");
    expect(new ZaloApiError(-1, "timeout", "retry").errorClass).toBe("retry");
  });
});

/** A token source that counts refreshes: each refresh hands out the next token. */
function countingTokens(first = "token-1"): TokenSource & { current: string; rejected: string[] } {
  const s = {
    current: first,
    rejected: [] as string[],
    accessToken: async () => s.current,
    refreshAfterRejection: async (rejected: string) => {
      s.rejected.push(rejected);
      s.current = `token-${s.rejected.length + 1}`;
      return s.current;
    },
  };
  return s;
}

const ok = (data: unknown = { message_id: "m-1", user_id: "u-1", sent_time: "1" }): StubAnswer => ({
  status: 200,
  body: { error: 0, message: "Success", data },
});

describe("oaClient against a real HTTP server", () => {
  let stub: HttpStub;
  let releaseHanging: (() => void)[] = [];
  beforeAll(async () => {
    stub = await startHttpStub();
  });
  afterEach(() => {
    releaseHanging.forEach((r) => r());
    releaseHanging = [];
    stub.requests.length = 0;
    stub.respond = () => ok();
  });
  afterAll(async () => {
    await stub.close();
  });

  const client = (tokens: TokenSource = countingTokens(), o: { timeoutMs?: number; limiter?: Bottleneck; baseUrl?: string } = {}) =>
    oaClient({ baseUrl: o.baseUrl ?? stub.url, tokens, limiter: o.limiter ?? zaloRateLimiter(100_000), timeoutMs: o.timeoutMs });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => expect.fail("expected a ZaloApiError"),
      (e: unknown) => e as ZaloApiError,
    );

  it("sends with the access_token header, JSON body {recipient: {user_id}, message}, to /v3.0/oa/message/<kind>", async () => {
    stub.respond = () => ok({ message_id: "abc", user_id: "u-1", sent_time: "1", quota: { quota_type: "free" } });
    const r = await client().send("cs", "u-1", { text: "Xin chào" });
    expect(r).toEqual({ messageId: "abc", quotaType: "free" });
    const req = stub.requests[0]!;
    expect(req.url).toBe("/v3.0/oa/message/cs");
    expect(req.headers["access_token"]).toBe("token-1");
    expect(req.headers["content-type"]).toMatch(/^application\/json/);
    expect(req.json).toEqual({ recipient: { user_id: "u-1" }, message: { text: "Xin chào" } });

    await client().send("transaction", "u-2", { text: "a" });
    await client().send("promotion", "u-3", { text: "b" });
    expect(stub.requests.map((r) => r.url)).toEqual(["/v3.0/oa/message/cs", "/v3.0/oa/message/transaction", "/v3.0/oa/message/promotion"]);
  });

  it("a trailing slash in the base URL does not change the path", async () => {
    await client(countingTokens(), { baseUrl: `${stub.url}/` }).send("cs", "u-1", { text: "a" });
    expect(stub.requests[0]!.url).toBe("/v3.0/oa/message/cs");
  });

  it.each(TABLE.filter(([, c]) => c !== "refresh"))("HTTP 200 with error %i → ZaloApiError of class %s, no refresh", async (code, cls) => {
    stub.respond = () => ({ status: 200, body: { error: code, message: "Zalo says no" } });
    const tokens = countingTokens();
    const err = await failure(client(tokens).send("cs", "u-1", { text: "a" }));
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code, errorClass: cls });
    expect(err.message).toContain("Zalo says no");
    expect(tokens.rejected).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it.each([500, 502, 503, 504, 429])("HTTP %i → retry class", async (status) => {
    stub.respond = () => ({ status, body: { oops: true } });
    const err = await failure(client().send("cs", "u-1", { text: "a" }));
    expect(err).toMatchObject({ code: HTTP_ERROR, errorClass: "retry" });
  });

  it.each([
    ["HTTP 404", { status: 404, body: { error: "not found" } }],
    ["HTTP 400", { status: 400, body: "bad" }],
    ["HTTP 200 with a body that is not JSON", { status: 200, body: "<html>maintenance</html>" }],
  ] as const)("%s → permanent", async (_label, answer) => {
    stub.respond = () => answer;
    const err = await failure(client().send("cs", "u-1", { text: "a" }));
    expect(err).toMatchObject({ code: HTTP_ERROR, errorClass: "permanent" });
  });

  it("a timeout → retry class", async () => {
    stub.respond = () => new Promise<StubAnswer>((resolve) => releaseHanging.push(() => resolve(ok())));
    const err = await failure(client(countingTokens(), { timeoutMs: 150 }).send("cs", "u-1", { text: "a" }));
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: NETWORK_ERROR, errorClass: "retry" });
  });

  it("nothing listening (connection refused) → retry class", async () => {
    const port = await freePort();
    const err = await failure(client(countingTokens(), { baseUrl: `http://127.0.0.1:${port}` }).send("cs", "u-1", { text: "a" }));
    expect(err).toMatchObject({ code: NETWORK_ERROR, errorClass: "retry" });
  });

  it.each([-216, -220])("%i → refreshAfterRejection called once with the rejected token, and the call retried with the new one", async (code) => {
    stub.respond = (r) =>
      r.headers["access_token"] === "token-1" ? { status: 200, body: { error: code, message: "token" } } : ok({ message_id: "after-refresh" });
    const tokens = countingTokens();
    const r = await client(tokens).send("cs", "u-1", { text: "a" });
    expect(r.messageId).toBe("after-refresh");
    expect(tokens.rejected).toEqual(["token-1"]);
    expect(stub.requests.map((q) => q.headers["access_token"])).toEqual(["token-1", "token-2"]);
    expect(stub.requests[1]!.json).toEqual(stub.requests[0]!.json);
  });

  it("a token refused again after the refresh → the error, without a second refresh or a third call", async () => {
    stub.respond = () => ({ status: 200, body: { error: -216, message: "Access token is invalid" } });
    const tokens = countingTokens();
    const err = await failure(client(tokens).send("cs", "u-1", { text: "a" }));
    expect(err).toMatchObject({ code: -216, errorClass: "refresh" });
    expect(tokens.rejected).toEqual(["token-1"]);
    expect(stub.requests).toHaveLength(2);
  });

  it("userDetail and userList send Zalo's data parameter; the list asks for at most 50", async () => {
    stub.respond = (r) =>
      r.url.startsWith("/v3.0/oa/user/detail") ? ok({ user_id: "u-1", display_name: "Bà Tư" }) : ok({ total: 1, users: [{ user_id: "u-1" }] });
    const c = client();
    expect(await c.userDetail("u-1")).toEqual({ user_id: "u-1", display_name: "Bà Tư" });
    expect(await c.userList({ offset: 100, count: 80, isFollower: true })).toEqual({ total: 1, users: [{ user_id: "u-1" }] });
    const [detail, list] = stub.requests as [(typeof stub.requests)[0], (typeof stub.requests)[0]];
    const param = (url: string) => JSON.parse(new URL(url, stub.url).searchParams.get("data")!);
    expect(new URL(detail.url, stub.url).pathname).toBe("/v3.0/oa/user/detail");
    expect(param(detail.url)).toEqual({ user_id: "u-1" });
    expect(new URL(list.url, stub.url).pathname).toBe("/v3.0/oa/user/getlist");
    expect(param(list.url)).toEqual({ offset: 100, count: 50, is_follower: true });
    expect(detail.headers["access_token"]).toBe("token-1");
  });

  describe("text over 2,000 characters is SPLIT, NEVER CUT", () => {
    const norm = (s: string) => s.replace(/\s+/g, " ").trim();
    const sentTexts = () => stub.requests.map((r) => (r.json as { message: { text: string } }).message.text);
    const SENTENCES = [
      "Mở ứng dụng VNeID từ màn hình chính, không bấm đường link lạ gửi qua tin nhắn.",
      "Nhập số định danh cá nhân gồm mười hai chữ số in trên thẻ căn cước.",
      "Mã OTP chỉ để mình dùng; cán bộ, ngân hàng hay công an thật không bao giờ hỏi mã này!",
      "Khi thấy lạ, hãy hỏi con cháu hoặc tổ công nghệ số cộng đồng ở thôn, tổ dân phố?",
      "Giữ điện thoại có mật khẩu màn hình, đừng cho người lạ mượn máy.",
    ];
    const longText = (chars: number) => {
      let s = "";
      for (let i = 0; s.length < chars; i++) s += (i % 7 === 6 ? "\n\n" : i ? " " : "") + SENTENCES[i % SENTENCES.length];
      return s;
    };

    it.each([2001, 4500, 9000])("%i characters → pieces of at most 2,000 that add up to the text", async (n) => {
      const text = longText(n);
      expect(text.length).toBeGreaterThanOrEqual(n);
      const results = await client().sendText("cs", "u-1", text);
      const pieces = sentTexts();
      expect(results).toHaveLength(pieces.length);
      expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 2000));
      for (const p of pieces) {
        expect(p.length).toBeGreaterThan(0);
        expect(p.length).toBeLessThanOrEqual(2000);
        expect(p).toBe(p.trim());
      }
      // Joined back with a space, the pieces are the text: nothing lost, no word cut in two.
      expect(norm(pieces.join(" "))).toBe(norm(text));
      expect(new Set(stub.requests.map((r) => r.url))).toEqual(new Set(["/v3.0/oa/message/cs"]));
    });

    it("exactly 2,000 characters is one message, unchanged", async () => {
      const text = longText(2100).slice(0, 2000).trimEnd().padEnd(2000, "!");
      expect(text.length).toBe(2000);
      await client().sendText("cs", "u-1", text);
      expect(sentTexts()).toEqual([text]);
    });

    it("a cut falls at the end of a sentence when one is near, not in the middle", async () => {
      const text = longText(4000);
      await client().sendText("cs", "u-1", text);
      for (const p of sentTexts().slice(0, -1)) expect(p).toMatch(/[.!?]$/);
    });

    it("a long word (a link of 1,200 characters) that does not fit after the text before it moves whole to the next message", async () => {
      const link = `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma=${"a1b2c3".repeat(200)}`.slice(0, 1200);
      const text = `${longText(900).slice(0, 900).trimEnd()} ${link} Bấm vào đường link trên để xem hướng dẫn.`;
      await client().sendText("cs", "u-1", text);
      const pieces = sentTexts();
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(2000);
      expect(pieces.some((p) => p.includes(link))).toBe(true);
      expect(norm(pieces.join(" "))).toBe(norm(text));
    });

    it("a single word longer than 2,000 characters is the only thing ever cut, at 2,000", async () => {
      const word = "x".repeat(2500);
      await client().sendText("cs", "u-1", `Mã: ${word}`);
      const pieces = sentTexts();
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(2000);
      expect(pieces.join("").replace(/\s+/g, "")).toBe(`Mã:${word}`);
    });
  });
});

describe("the rate limiter", () => {
  let stub: HttpStub;
  beforeAll(async () => {
    stub = await startHttpStub();
    stub.respond = () => ok();
  });
  afterAll(async () => {
    await stub.close();
  });
  const settings = (l: Bottleneck) => (l as unknown as { _store: { storeOptions: Record<string, number | null> } })._store.storeOptions;

  it.each([
    [4000, 15, 33],
    [12_000, 5, 99],
    [60_000, 1, 495],
  ])("zaloRateLimiter(%i per minute) spaces calls by %i ms and tops up %i calls every 500 ms, never above", (perMinute, minTime, perHalfSecond) => {
    const l = zaloRateLimiter(perMinute);
    expect(settings(l)).toMatchObject({
      minTime,
      reservoir: perHalfSecond,
      reservoirIncreaseAmount: perHalfSecond,
      reservoirIncreaseMaximum: perHalfSecond,
      reservoirIncreaseInterval: 500,
    });
    // Any 60 seconds hold at most a full bucket plus 120 top-ups: under the quota, whatever the arrival wobble.
    expect(perHalfSecond * 121).toBeLessThan(perMinute);
    // And on average within 2 % of it.
    expect(perHalfSecond * 120).toBeGreaterThanOrEqual(perMinute * 0.98);
  });

  it.each([
    [600, 102],
    [60, 1011],
    [1, 60_607],
  ])("at %i per minute the spacing alone paces calls (less lost to rounding): %i ms apart", (perMinute, minTime) => {
    expect(limiterSettings(perMinute)).toEqual({ minTime });
    expect(Math.floor(60_000 / minTime)).toBeLessThan(perMinute);
    if (perMinute >= 60) expect(Math.floor(60_000 / minTime)).toBeGreaterThanOrEqual(perMinute * 0.98);
  });

  it("every call of every client goes through the one limiter they are given", async () => {
    const shared = zaloRateLimiter(100_000);
    const unused = zaloRateLimiter(100_000);
    let executed = 0;
    shared.on("executing", () => executed++);
    let executedElsewhere = 0;
    unused.on("executing", () => executedElsewhere++);
    const a = oaClient({ baseUrl: stub.url, tokens: countingTokens("a"), limiter: shared });
    const b = oaClient({ baseUrl: stub.url, tokens: countingTokens("b"), limiter: shared });
    stub.requests.length = 0;
    await Promise.all([
      a.send("cs", "1", { text: "a" }),
      a.sendText("cs", "2", "x ".repeat(1500)),
      b.send("cs", "3", { text: "b" }),
      b.userDetail("4"),
      b.userList({ offset: 0, count: 10 }),
    ]);
    expect(stub.requests).toHaveLength(6);
    expect(executed).toBe(6);
    expect(executedElsewhere).toBe(0);
  });

  it("at 1 call per minute the second call is held by the limiter, not sent", async () => {
    const limiter = zaloRateLimiter(1);
    const c = oaClient({ baseUrl: stub.url, tokens: countingTokens(), limiter });
    stub.requests.length = 0;
    const first = c.send("cs", "1", { text: "first" });
    const second = c.send("cs", "2", { text: "second" });
    await first;
    await expect.poll(() => limiter.counts()).toMatchObject({ EXECUTING: 0 });
    // Waiting for the minute's quota (queued) or for its slot (running): either way, not yet sent.
    expect(limiter.counts().QUEUED + limiter.counts().RUNNING).toBe(1);
    expect(stub.requests.map((r) => (r.json as { message: { text: string } }).message.text)).toEqual(["first"]);
    await limiter.stop({ dropWaitingJobs: true });
    const err = await second.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: NETWORK_ERROR, errorClass: "retry" });
    expect(stub.requests).toHaveLength(1);
  });
});
