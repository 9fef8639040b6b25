import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { SCREENSHOT_DIR } from "./helpers.js";

const baseUrl = inject("baseUrl");
const chatUrl = `${baseUrl}/sandbox/chat`;
/** Bot answers go through the webhook, the job queue and the OpenAPI: give them a moment. */
const REPLY = { timeout: 15_000 };

let browser: Browser;

// helpers.ts's shot() and expectAccessible() wait for the mini app's `.zaui-page`; the chat page has none,
// so this file keeps its own two small helpers, with the same approach.
let shotNo = 0;
async function chatShot(page: Page, name: string): Promise<void> {
  shotNo++;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `chat-${String(shotNo).padStart(2, "0")}-${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core on the chat page; serious and critical violations fail the test. axe is loaded with addInitScript (the page's CSP allows no other inline script). */
async function expectChatAccessible(page: Page, screen: string): Promise<void> {
  const violations = (await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe.run({ resultTypes: ["violations"] });
    return r.violations;
  })) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(bad, `accessibility on ${screen}`).toEqual([]);
}

async function phone(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

const oaMessages = (page: Page) => page.locator(".msg--oa");
const lastOa = (page: Page) => oaMessages(page).last();
const lastOaText = (page: Page) => lastOa(page).locator(".bubble__text").innerText();
const myTexts = (page: Page) => page.locator(".msg--me .bubble__text").allInnerTexts();

/** Types into the composer and sends with Enter, as a person would. */
async function type(page: Page, text: string): Promise<void> {
  const box = page.getByLabel("Tin nhắn gửi Chuyển đổi số quốc gia");
  await box.fill(text);
  await box.press("Enter");
  await expect.poll(() => myTexts(page)).toContain(text);
  await expect.poll(() => box.inputValue()).toBe("");
}

/** The OA's newest message once it contains `text` (replies come in bursts: wait for the last one). */
async function oaSays(page: Page, text: string | RegExp): Promise<Locator> {
  await expect.poll(() => lastOaText(page).catch(() => ""), REPLY).toMatch(typeof text === "string" ? new RegExp(escapeRe(text)) : text);
  return lastOa(page);
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function seenDeliveries(): Promise<number> {
  const list = (await (await fetch(`${baseUrl}/sandbox/deliveries`)).json()) as { event_name: string }[];
  return list.filter((d) => d.event_name === "user_seen_message").length;
}

/** An OA access token from the sandbox, through the same OAuth v4 PKCE flow an operator runs. */
async function oaAccessToken(): Promise<string> {
  const config = (await (await fetch(`${baseUrl}/sandbox/config`)).json()) as { app_id: string; app_secret: string };
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const q = new URLSearchParams({ app_id: config.app_id, redirect_uri: "http://example.test/cb", code_challenge: challenge, state: "x" });
  const consent = await fetch(`${baseUrl}/sandbox/oauth/v4/oa/permission?${q}`, { redirect: "manual" });
  const code = new URL(consent.headers.get("location")!).searchParams.get("code")!;
  const res = await fetch(`${baseUrl}/sandbox/oauth/v4/oa/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", secret_key: config.app_secret },
    body: new URLSearchParams({ app_id: config.app_id, grant_type: "authorization_code", code, code_verifier: verifier }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("a newcomer tries the OA bot in the browser (GET /sandbox/chat)", () => {
  it("serves one self-contained HTML page with a strict CSP", async () => {
    const res = await fetch(chatUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    // Nothing external: no src= or href= to another origin, no stylesheet or script file.
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  });

  it("follows, agrees, subscribes for Phường Ba Đình, asks a question, takes the quick quiz and unsubscribes", async () => {
    const { context, page, problems } = await phone();
    const res = await page.goto(chatUrl);
    expect(res?.headers()["content-type"]).toContain("text/html");

    // The page lists the sandbox users and asks a non-follower to tap Quan tâm.
    await expect.poll(() => page.getByLabel("Bạn đang nhắn tin với tư cách").locator("option").count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.locator("#hint").isVisible()).toBe(true);
    expect(await page.locator("#hint").innerText()).toContain("Bấm Quan tâm để bắt đầu");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Chuyển đổi số quốc gia");
    await expectChatAccessible(page, "chat, not following");
    await chatShot(page, "start");

    // A fresh person: any new id works with the sandbox's actions.
    await page.getByRole("button", { name: "Tạo người dùng mới" }).click();
    const select = page.getByLabel("Bạn đang nhắn tin với tư cách");
    await expect.poll(() => select.inputValue()).toMatch(/^77\d{17}$/);
    const userId = await select.inputValue();
    expect(new URL(page.url()).searchParams.get("user")).toBe(userId);
    expect(await page.getByLabel("Tin nhắn gửi Chuyển đổi số quốc gia").isDisabled()).toBe(true);
    expect(await oaMessages(page).count()).toBe(0);

    const seenBefore = await seenDeliveries();
    await page.getByRole("button", { name: "Quan tâm", exact: true }).click();
    // Welcome with the menu, then the consent question.
    const consent = await oaSays(page, "Bạn có đồng ý không?");
    const welcome = oaMessages(page).filter({ hasText: "Chào mừng bạn đến với Chuyển đổi số quốc gia" });
    expect(await welcome.count()).toBe(1);
    for (const name of ["Tin mới", "Hỏi đáp", "Kiểm tra nhanh", "Nhận tin / Hủy tin"]) {
      expect(await welcome.getByRole("button", { name, exact: true }).count(), name).toBe(1);
    }
    expect(await welcome.getByRole("link", { name: /Học kỹ năng số/ }).getAttribute("href")).toMatch(/^http:\/\/localhost:\d+\/zapps\/\d+\/$/);
    await expect.poll(() => page.getByRole("button", { name: "Bỏ quan tâm" }).count()).toBe(1);
    expect(await page.locator("#hint").isVisible()).toBe(false);
    // The page tells the bot the user saw the messages.
    await expect.poll(seenDeliveries, REPLY).toBeGreaterThan(seenBefore);
    await expectChatAccessible(page, "chat, welcome and consent");
    await chatShot(page, "welcome-and-consent");

    // A query button: the OA gets the payload, the user's bubble shows the title.
    await consent.getByRole("button", { name: "Đồng ý", exact: true }).click();
    await oaSays(page, "Gõ các số, ví dụ: 1 3 7");
    expect(await myTexts(page)).toEqual(["Đồng ý"]);
    await chatShot(page, "topics");

    await type(page, "1 2");
    await oaSays(page, "Bạn ở xã/phường nào?");
    await type(page, "phuong ba dinh ha noi");
    const choices = await oaSays(page, "Bấm chọn đúng nơi của bạn");
    await chatShot(page, "commune-choices");
    await choices.getByRole("button", { name: "1. Phường Ba Đình" }).click();
    await oaSays(page, /Đã đăng ký nhận tin của Phường Ba Đình/);
    await chatShot(page, "subscribed");

    const before = await oaMessages(page).count();
    await type(page, "kich hoat vneid the nao");
    // The message above also names VNeID: wait for the reply itself.
    await expect.poll(() => oaMessages(page).count(), REPLY).toBeGreaterThan(before);
    await oaSays(page, /Bạn muốn hỏi điều nào|VNeID/);
    // Two entries about as close: the bot asks which one is meant, and the button tapped gets its answer.
    if ((await lastOaText(page)).startsWith("Bạn muốn hỏi điều nào")) {
      await chatShot(page, "faq-choose");
      await lastOa(page).getByRole("button", { name: "Làm sao để kích hoạt tài khoản VNeID?" }).click();
      await expect
        .poll(
          () =>
            lastOa(page)
              .getByRole("link", { name: /Xem bài học/ })
              .count(),
          REPLY,
        )
        .toBe(1);
    }
    const answer = lastOa(page);
    const lesson = answer.getByRole("link", { name: /Xem bài học/ });
    expect(await lesson.getAttribute("target")).toBe("_blank");
    expect(await lesson.getAttribute("href")).toMatch(/^http:\/\/localhost:\d+\/zapps\/\d+\/\?lesson=/);
    await chatShot(page, "faq-answer");

    // The answer offers "Menu"; the menu offers "Kiểm tra nhanh".
    await answer.getByRole("button", { name: "Menu", exact: true }).click();
    const menu = await oaSays(page, "Bạn muốn làm gì?");
    await menu.getByRole("button", { name: "Kiểm tra nhanh", exact: true }).click();
    for (let i = 1; i <= 3; i++) {
      const question = await oaSays(page, `Câu ${i}/3`);
      await chatShot(page, `quiz-question-${i}`);
      await question.locator(".actions button").first().click();
    }
    await oaSays(page, /Bạn đúng|Tuyệt vời/);
    await chatShot(page, "quiz-score");

    await type(page, "huy");
    await oaSays(page, "Bạn đã hủy nhận tin");
    await chatShot(page, "unsubscribed");

    // The conversation scrolls inside the phone frame; the page itself never grows.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);

    // Nothing the user types is read as HTML.
    const markup = `<img src=x onerror="window.__pwned=1"><b>chào</b>`;
    const oaCount = await oaMessages(page).count();
    await type(page, markup);
    expect(await page.locator("#log img, #log b").count()).toBe(0);
    await expect.poll(() => oaMessages(page).count(), REPLY).toBeGreaterThan(oaCount);

    // A reload keeps the user (?user=) and the conversation, the user's own bubbles included.
    const mineBefore = await myTexts(page);
    const oaBefore = await oaMessages(page).count();
    await page.reload();
    await expect.poll(() => oaMessages(page).count(), REPLY).toBe(oaBefore);
    expect(await select.inputValue()).toBe(userId);
    expect(await myTexts(page)).toEqual(mineBefore);

    // Bỏ quan tâm: the hint is back and the composer waits for Quan tâm.
    await page.getByRole("button", { name: "Bỏ quan tâm" }).click();
    await expect.poll(() => page.locator("#hint").isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel("Tin nhắn gửi Chuyển đổi số quốc gia").isDisabled()).toBe(true);
    const users = (await (await fetch(`${baseUrl}/sandbox/oa/users`)).json()) as { id: string; following: boolean }[];
    expect(users.find((u) => u.id === userId)?.following).toBe(false);
    await chatShot(page, "unfollowed");

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the OA's text as text and drops links that are not http(s)", async () => {
    const { context, page, problems } = await phone();
    const userId = "77" + String(Date.now()).padStart(17, "0");
    await page.goto(`${chatUrl}?user=${userId}`);
    await page.getByRole("button", { name: "Quan tâm", exact: true }).click();
    await oaSays(page, "Bạn có đồng ý không?");

    const token = await oaAccessToken();
    const send = (buttons: object[]) =>
      fetch(`${baseUrl}/sandbox/openapi/v3.0/oa/message/cs`, {
        method: "POST",
        headers: { "content-type": "application/json", access_token: token },
        body: JSON.stringify({
          recipient: { user_id: userId },
          message: { text: `<img src=x onerror="window.__pwned=1">Dòng 1\nDòng 2`, attachment: { type: "template", payload: { buttons } } },
        }),
      }).then((r) => r.json() as Promise<{ error: number }>);
    // Like Zalo's own validation, the sandbox refuses a link that is not http(s).
    expect((await send([{ type: "oa.open.url", title: "Lừa đảo", payload: { url: "javascript:window.__pwned=1" } }])).error).toBe(-201);
    expect((await send([{ type: "oa.open.url", title: "Trang thật", payload: { url: "https://example.org/a" } }])).error).toBe(0);
    const msg = await oaSays(page, "Dòng 2");
    expect(await lastOaText(page)).toBe(`<img src=x onerror="window.__pwned=1">Dòng 1\nDòng 2`);
    expect(await page.locator("#log img").count()).toBe(0);
    expect(await msg.getByRole("link", { name: /Lừa đảo/ }).count()).toBe(0);
    expect(await msg.getByRole("link", { name: /Trang thật/ }).getAttribute("href")).toBe("https://example.org/a");
    await chatShot(page, "untrusted-oa-text");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });
});
