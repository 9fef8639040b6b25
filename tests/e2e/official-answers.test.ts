import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { launchChromium } from "./chromium.js";
import { expectAccessible, fullShot, grantRole, pickUser, SCREENSHOT_DIR } from "./helpers.js";
import { join } from "node:path";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const course = loadCourseOrThrow();
const OFFICIAL = { id: "5500000000000000002", name: "Trần Thị Bình" };
const BA_DINH = "Phường Ba Đình, Thành phố Hà Nội";
/** Two residents of Phường Ba Đình and one of Phường Ngọc Hà, as the OA sees them (fresh ids each run). */
const stamp = String(Date.now()).slice(-12);
const ASKER = `7781${stamp.padStart(15, "0")}`;
const NEIGHBOUR = `7782${stamp.padStart(15, "0")}`;
const QUESTION = "Cho hỏi điểm thu gom rác thải điện tử của phường ở đâu?";
const NEXT_QUESTION = "diem thu gom rac dien tu o dau vay";
const ANSWER = "Phường thu gom pin, điện thoại cũ và đồ điện tử hỏng tại sân nhà văn hóa tổ dân phố 5, sáng Chủ nhật đầu tháng.";
const REPLY = { timeout: 15_000 };

let browser: Browser;
let miniappUrl: string;

const post = (path: string, body?: object) =>
  fetch(`${baseUrl}${path}`, { method: "POST", ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });

async function oaTextsTo(userId: string): Promise<string[]> {
  const list = (await (await fetch(`${baseUrl}/sandbox/messages?user_id=${userId}`)).json()) as { message: { text?: string } }[];
  return list.map((m) => m.message.text ?? "");
}

/** The follower writes to the OA and waits for the bot's answer (used in hooks: no expect.poll there). */
async function says(userId: string, text: string, reply: RegExp): Promise<void> {
  const before = (await oaTextsTo(userId)).length;
  expect((await post(`/sandbox/users/${userId}/send`, { text })).ok).toBe(true);
  const deadline = Date.now() + REPLY.timeout;
  for (;;) {
    const texts = (await oaTextsTo(userId)).slice(before);
    if (texts.some((t) => reply.test(t))) return;
    if (Date.now() > deadline) throw new Error(`the bot did not answer ${reply}; it said: ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Follows the OA, agrees and subscribes for Phường Ba Đình in the chat, as a resident would. */
async function residentOfBaDinh(userId: string): Promise<void> {
  expect((await post(`/sandbox/users/${userId}/follow`)).ok).toBe(true);
  await says(userId, "#dong-y", /Gõ các số/);
  await says(userId, "1", /Bạn ở xã\/phường nào/);
  await says(userId, "phuong ba dinh ha noi", /Bấm chọn đúng nơi của bạn/);
  await says(userId, "#xa:00004", /Đã đăng ký nhận tin của Phường Ba Đình/);
}

async function phone(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

const lastOaText = (page: Page) => page.locator(".msg--oa .bubble__text").last().innerText();

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, OFFICIAL.id, "commune_official", "00004");
  await residentOfBaDinh(ASKER);
  await says(ASKER, QUESTION, /chưa có câu trả lời chắc chắn/);
  await residentOfBaDinh(NEIGHBOUR);
});

afterAll(async () => {
  await browser?.close();
});

describe("an official answers what the chatbot could not", () => {
  it("answers in Quản trị, the resident gets it in the chat, and the Hỏi đáp entry made from it answers the next resident of the commune", async () => {
    expect(course.faq.some((e) => /rác thải điện tử/i.test(e.question))).toBe(false);
    const { context, page, problems } = await phone();
    await page.goto(miniappUrl);
    await pickUser(page, OFFICIAL);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click();
    const question = page.locator(".question-item", { hasText: QUESTION });
    await expect.poll(() => question.count(), REPLY).toBe(1);
    // The statistics count the question waiting.
    await expect.poll(() => page.getByLabel("Thống kê câu hỏi").innerText(), REPLY).toMatch(/Đang chờ trả lời\s+\d+/);

    // An answer too short is refused next to the field; a real one is sent.
    await question.getByRole("button", { name: "Trả lời" }).click();
    const box = question.getByLabel("Câu trả lời gửi người dân");
    await box.fill("Có ạ");
    await question.getByRole("button", { name: "Gửi câu trả lời" }).click();
    await expect.poll(() => question.locator(".field__error").innerText()).toBe("Câu trả lời cần ít nhất 10 ký tự.");
    await box.fill(ANSWER);
    await expectAccessible(page, "Admin home, answering a question");
    await fullShot(page, "admin-question-answer");
    await question.getByRole("button", { name: "Gửi câu trả lời" }).click();

    // It moves to "Đã trả lời", signed by the commune, sent through the OA (the resident wrote a moment ago).
    const answered = page.locator(".question-item", { hasText: QUESTION });
    await expect.poll(() => answered.locator(".question-item__state").first().innerText(), REPLY).toBe("Đã gửi tới người dân qua OA.");
    expect(await answered.locator(".question-item__answer").innerText()).toBe(`${BA_DINH}: ${ANSWER}`);

    // The resident sees it in the sandbox chat: the commune's name, their question, the answer.
    const chat = await context.newPage();
    await chat.goto(`${baseUrl}/sandbox/chat?user=${ASKER}`);
    await expect.poll(() => lastOaText(chat), REPLY).toBe(`${BA_DINH} trả lời câu hỏi của bạn:\n“${QUESTION}”\n\n${ANSWER}`);
    await chat.screenshot({ path: join(SCREENSHOT_DIR, "chat-official-answer.png"), fullPage: true });

    // "Thêm vào Hỏi đáp": a question written plainly, the answer prefilled; a legal-text number is refused.
    await answered.getByRole("button", { name: "Thêm vào Hỏi đáp" }).click();
    await answered.getByLabel("Câu hỏi (viết rõ, có dấu)").fill("Điểm thu gom rác thải điện tử của phường ở đâu?");
    expect(await answered.getByLabel("Câu trả lời", { exact: true }).inputValue()).toBe(ANSWER);
    await answered.getByLabel("Câu trả lời", { exact: true }).fill(`${ANSWER} Theo Thông tư 02/2022/TT-BTNMT.`);
    await answered.getByRole("button", { name: "Lưu vào Hỏi đáp" }).click();
    await expect.poll(() => answered.getByRole("alert").innerText(), REPLY).toContain("không ghi số hiệu văn bản");
    await answered.getByLabel("Câu trả lời", { exact: true }).fill(ANSWER);
    // The resident's own words are offered as a way of asking it; the official adds one more.
    expect(await answered.getByLabel("Những cách hỏi khác").inputValue()).toBe(QUESTION);
    await answered.getByLabel("Những cách hỏi khác").fill(`${QUESTION}\nthu gom pin cu o dau`);
    await answered.getByRole("button", { name: "Lưu vào Hỏi đáp" }).click();
    await expect.poll(() => answered.innerText(), REPLY).toContain("Đã thêm vào Hỏi đáp của khu vực.");
    const entry = page.locator("#area-faq-title").locator("xpath=ancestor::section[1]").locator(".question-item", { hasText: "rác thải điện tử" });
    await expect.poll(() => entry.count(), REPLY).toBe(1);
    expect(await entry.locator(".question-item__meta").innerText()).toBe(BA_DINH);
    await expectAccessible(page, "Admin home, Hỏi đáp of the area");
    await fullShot(page, "admin-area-faq");

    // The next resident of Phường Ba Đình asks it their way, in the chat: the commune's answer, signed.
    await chat.goto(`${baseUrl}/sandbox/chat?user=${NEIGHBOUR}`);
    const composer = chat.getByLabel("Tin nhắn gửi Chuyển đổi số quốc gia");
    await expect.poll(() => composer.isEnabled(), REPLY).toBe(true);
    await composer.fill(NEXT_QUESTION);
    await composer.press("Enter");
    await expect.poll(() => lastOaText(chat), REPLY).toBe(`${ANSWER}\n\n(${BA_DINH} trả lời)`);
    await chat.screenshot({ path: join(SCREENSHOT_DIR, "chat-area-faq-answer.png"), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
