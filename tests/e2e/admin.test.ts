import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { launchChromium } from "./chromium.js";
import { expectAccessible, shot, pickUser } from "./helpers.js";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const course = loadCourseOrThrow();
const safety = course.skills.find((s) => s.id === "an-toan-mang")!;
const safetyLesson = course.lessons.filter((l) => l.skill === safety.id).sort((a, b) => a.order - b.order)[0]!;
const LEARNER = { id: "5500000000000000001", name: "Nguyễn Văn An" };
const OFFICIAL = { id: "5500000000000000002", name: "Trần Thị Bình" };
/** Two officials of Thành phố Hà Nội (province 01): one writes a province-wide campaign, the other approves it. */
const PROVINCE = [
  { id: "5500000000000000003", name: "Lê Văn Cường" },
  { id: "5500000000000000004", name: "Phạm Thị Dung" },
] as const;
/** A follower of the OA in Phường Ba Đình, made through the sandbox as a Zalo user would (id as seen by the OA). */
const FOLLOWER = `779${String(Date.now()).slice(-13).padStart(16, "0")}`;
const QUESTION = "Bao giờ phường tổ chức buổi họp dân về lắp đèn đường ở tổ 5?";
const REPLY = { timeout: 15_000 };

let browser: Browser;
let miniappUrl: string;

async function phone(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN", acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

/** Grants a role with the admin command line, against the running server's database (SQLite WAL allows both). */
function grant(zaloUserId: string, role: string, areaCode: string): string {
  return execFileSync(process.execPath, ["--import", "tsx", "bot-server/src/cli/admin.ts", "grant", zaloUserId, role, areaCode], {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dataDir, "e2e.db")}`, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
}

const post = (path: string, body?: object) =>
  fetch(`${baseUrl}${path}`, { method: "POST", ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });

async function oaTextsTo(userId: string): Promise<string[]> {
  const list = (await (await fetch(`${baseUrl}/sandbox/messages?user_id=${userId}`)).json()) as { message: { text?: string } }[];
  return list.map((m) => m.message.text ?? "");
}

/** Waits until the OA has sent the follower a message matching `reply` after the first `skip` messages (expect.poll is for tests, not hooks). */
async function botReplies(skip: number, reply: RegExp): Promise<void> {
  const deadline = Date.now() + REPLY.timeout;
  for (;;) {
    const texts = (await oaTextsTo(FOLLOWER)).slice(skip);
    if (texts.some((t) => reply.test(t))) return;
    if (Date.now() > deadline) throw new Error(`the bot did not answer ${reply}; it said: ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The follower writes to the OA and waits for the bot's answer. */
async function followerSays(text: string, reply: RegExp): Promise<void> {
  const before = (await oaTextsTo(FOLLOWER)).length;
  expect((await post(`/sandbox/users/${FOLLOWER}/send`, { text })).ok).toBe(true);
  await botReplies(before, reply);
}

/** Opens the mini app on a fresh phone as a sandbox user and waits for the sign-in. */
async function openAs(page: Page, user: { name: string }): Promise<void> {
  await page.goto(miniappUrl);
  await pickUser(page, user);
}

/** Signs in through the public API as a sandbox user, as the mini app does. */
async function sessionOf(userId: string): Promise<string> {
  const zalo = (await (await post(`/sandbox/users/${userId}/token`)).json()) as { access_token: string };
  const res = await post("/api/v1/auth/zalo", { accessToken: zalo.access_token });
  return ((await res.json()) as { token: string }).token;
}

/** shot() of the whole screen: zmp-ui pages scroll inside .zaui-page, so the phone is made as tall as the page for the picture. */
async function fullShot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".zaui-page")].map((p) => p.scrollHeight)));
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 6000)) });
  try {
    await shot(page, name);
  } finally {
    await page.setViewportSize(viewport);
  }
}

const navTab = (page: Page, name: string) => page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name, exact: true });
const cell = (page: Page, row: string) => page.locator("tr", { has: page.getByRole("rowheader", { name: row, exact: true }) }).locator("td");

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  expect(grant(OFFICIAL.id, "commune_official", "00004")).toContain("granted");

  // A resident follows the OA, agrees, subscribes to "An toàn trên mạng" for Phường Ba Đình, and asks a question
  // the chatbot cannot answer (it lands in the officials' list).
  expect((await post(`/sandbox/users/${FOLLOWER}/follow`)).ok).toBe(true);
  await botReplies(0, /Bạn có đồng ý không\?/);
  await followerSays("#dong-y", /Gõ các số/);
  const topic = course.skills.findIndex((s) => s.id === safety.id) + 1;
  await followerSays(String(topic), /Bạn ở xã\/phường nào/);
  await followerSays("phuong ba dinh ha noi", /Bấm chọn đúng nơi của bạn/);
  await followerSays("#xa:00004", /Đã đăng ký nhận tin của Phường Ba Đình/);
  await followerSays(QUESTION, /chưa có câu trả lời chắc chắn/);
});

afterAll(async () => {
  await browser?.close();
});

describe("a commune official sends news from the Quản trị tab", () => {
  it("sees the tab, the roles and the open questions, composes, previews, saves, sends and follows the numbers", async () => {
    const { context, page, problems } = await phone();
    await page.goto(miniappUrl);
    await pickUser(page, OFFICIAL);
    await expect.poll(() => navTab(page, "Quản trị").count(), REPLY).toBe(1);

    // Admin home: my role, "Gửi tin", and the question the chatbot could not answer.
    await navTab(page, "Quản trị").click();
    await expect.poll(() => page.locator(".app-header__title").innerText()).toBe("Quản trị");
    await expect.poll(() => page.locator(".role-list__item").innerText()).toContain("Cán bộ xã");
    expect(await page.locator(".role-list__item").innerText()).toContain("Phường Ba Đình, Thành phố Hà Nội");
    expect(await page.getByRole("heading", { name: "Chiến dịch", exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText("Khu vực của bạn chưa có chiến dịch nào.").count(), REPLY).toBe(1);
    // Nothing awaits this commune official's approval: no such section.
    expect(await page.getByRole("heading", { name: /Chờ tôi phê duyệt/ }).count()).toBe(0);
    const question = page.locator(".question-item", { hasText: QUESTION });
    await expect.poll(() => question.count(), REPLY).toBe(1);
    expect(await question.locator(".question-item__meta").innerText()).toContain("Phường Ba Đình, Thành phố Hà Nội");
    expect(await navTab(page, "Quản trị").getAttribute("aria-current")).toBe("page");
    await expectAccessible(page, "Admin home");
    await fullShot(page, "admin-home");

    // Compose: an empty form is refused with reasons, next to each field.
    await page.getByRole("button", { name: "Soạn tin mới" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText()).toBe("Soạn tin gửi");
    await page.getByRole("button", { name: "Xem trước" }).click();
    await expect.poll(() => page.locator("#title-error").innerText()).toBe("Hãy nhập tiêu đề.");
    expect(await page.locator("#topics-error").innerText()).toBe("Hãy chọn ít nhất một chủ đề.");
    expect(await page.getByLabel("Tiêu đề", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "Admin compose, with errors");
    await fullShot(page, "admin-compose-errors");

    const title = "Cảnh báo lừa đảo qua điện thoại";
    const text = "Không ai gọi điện bắt bạn kích hoạt VNeID hay cài ứng dụng lạ.\nGặp cuộc gọi như vậy, hãy cúp máy và báo công an phường.";
    await page.getByLabel("Tiêu đề", { exact: true }).fill(title);
    await page.getByLabel("Nội dung tin").fill(text);
    expect(await page.locator("#text-count").innerText()).toBe(`${title.length + 2 + text.length}/2.000 ký tự (gồm cả tiêu đề)`);
    const area = page.getByLabel("Khu vực", { exact: true });
    expect(await area.locator("option:checked").innerText()).toBe("Phường Ba Đình, Thành phố Hà Nội");
    // The six skills and the government's news.
    expect(await page.locator(".check-list input[type=checkbox][id^=topic-]").count()).toBe(course.skills.length + 1);
    await page.getByLabel(safety.short, { exact: true }).check();
    await page.getByLabel("Mở một bài học").check();
    await page.getByLabel("Bài học", { exact: true }).selectOption(safetyLesson.id);
    expect(await page.getByLabel("Chữ trên nút").inputValue()).toBe("Xem bài học");
    await expectAccessible(page, "Admin compose");
    await fullShot(page, "admin-compose");

    // Preview: the server's messages, shown as a Zalo bubble with exactly the text and the button.
    await page.getByRole("button", { name: "Xem trước" }).click();
    await expect.poll(() => page.locator(".zbubble__text").count(), REPLY).toBe(1);
    expect(await page.locator(".zbubble__text").innerText()).toBe(`${title}\n\n${text}`);
    expect(await page.locator(".zbubble__button").allInnerTexts()).toEqual(["Xem bài học"]);
    expect(await page.locator(".chat-preview__url").innerText()).toContain(`?lesson=${safetyLesson.id}`);
    await expectAccessible(page, "Admin compose, preview");
    await fullShot(page, "admin-preview");

    // Save: the campaign page with its status, preview and plan (one follower in Ba Đình, free within 48 hours).
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText(), REPLY).toMatch(/^Chiến dịch số \d+$/);
    const id = Number((await page.locator(".app-header__title").innerText()).replace(/\D/g, ""));
    expect(page.url()).toContain(`/admin/campaign/${id}`);
    await expect.poll(() => page.locator(".status").innerText()).toBe("Bản nháp — chưa gửi");
    expect(await page.locator(".zbubble__text").innerText()).toBe(`${title}\n\n${text}`);
    expect(await cell(page, "Nhận miễn phí (đã nhắn OA trong 48 giờ, còn lượt trả lời miễn phí)").innerText()).toBe("1");
    expect(await cell(page, "Nhận bằng hạn mức tin của OA (2–7 ngày)").innerText()).toBe("0");
    expect(await cell(page, "Số tin mỗi người nhận").innerText()).toBe("1");
    expect(await cell(page, "Tổng số người sẽ nhận").innerText()).toBe("1");
    expect(await cell(page, "Chi phí ước tính").innerText()).toBe("0 đồng");
    await expectAccessible(page, "Admin campaign, draft");
    await fullShot(page, "admin-campaign-plan");

    // Send now, after a confirmation; the statistics follow live.
    await page.getByRole("button", { name: "Gửi ngay" }).click();
    expect(await page.locator(".confirm__text").innerText()).toContain("cho 1 người");
    await page.getByRole("button", { name: "Xác nhận gửi" }).click();
    // In the sandbox one delivery takes a moment: "Đang gửi" may already read "Đã gửi xong".
    await expect.poll(() => page.locator(".status").innerText(), REPLY).toMatch(/^(Đang gửi|Đã gửi xong)$/);
    await expect.poll(() => page.getByRole("heading", { name: "Thống kê gửi tin" }).count()).toBe(1);
    await expect.poll(() => cell(page, "Đã gửi").innerText(), REPLY).toBe("1");
    await expect.poll(() => page.locator(".status").innerText(), REPLY).toBe("Đã gửi xong");
    await expect.poll(async () => (await oaTextsTo(FOLLOWER)).filter((t) => t === `${title}\n\n${text}`).length, REPLY).toBe(1);
    // The follower opens the message: "Đã xem" goes up without a reload.
    await post(`/sandbox/users/${FOLLOWER}/seen`);
    await expect.poll(() => cell(page, "Đã xem").innerText(), REPLY).toBe("1");
    expect(await cell(page, "Đã nhận").innerText()).toBe("1");
    expect(await cell(page, "Lỗi").innerText()).toBe("0");
    expect(await cell(page, "Chi phí thực tế (theo Zalo)").innerText()).toBe("0 đồng");
    await expectAccessible(page, "Admin campaign, statistics");
    await fullShot(page, "admin-campaign-stats");

    // "Tải CSV": fetched with the session token and saved from a Blob URL.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải CSV" }).click()]);
    expect(download.suggestedFilename()).toBe(`chien-dich-${id}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("sent,1\n");
    expect(csv).toContain("seen,1\n");

    // Done: nothing is left to cancel, here or through the API (409).
    expect(await page.getByRole("button", { name: "Hủy", exact: true }).count()).toBe(0);
    const token = await sessionOf(OFFICIAL.id);
    const elsewhere = await fetch(`${baseUrl}/api/v1/admin/campaigns/${id}/cancel`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(elsewhere.status).toBe(409);
    // Back home, the campaign is in the list of the area with its status and numbers; tapping it opens it again.
    await page.getByRole("button", { name: "Về trang Quản trị" }).click();
    const saved = page.locator(".list-button", { hasText: title });
    await expect.poll(() => saved.count(), REPLY).toBe(1);
    expect(await saved.locator(".status").innerText()).toBe("Đã xong");
    expect(await saved.innerText()).toContain(`Số ${id}`);
    expect(await saved.innerText()).toContain("Phường Ba Đình, Thành phố Hà Nội");
    expect(await saved.locator(".campaign-item__counts").innerText()).toBe("Đã gửi 1 · Chờ trong hộp tin 0 · Lỗi 0");
    await expectAccessible(page, "Admin home, with the list of campaigns");
    await fullShot(page, "admin-home-list");
    await saved.click();
    await expect.poll(() => page.locator(".status").innerText(), REPLY).toBe("Đã gửi xong");
    // The same news for the commune loudspeaker: a draft bulletin, written for listening (no link).
    await page.getByRole("button", { name: "Làm bản tin loa từ tin này" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText(), REPLY).toBe("Bản tin truyền thanh");
    const bulletin = page.locator("section.card", { has: page.getByRole("heading", { name: title, exact: true }) });
    await expect.poll(() => bulletin.count(), REPLY).toBe(1);
    expect(await bulletin.getByLabel("Lời đọc trên loa").inputValue()).toContain("Không ai gọi điện bắt bạn kích hoạt VNeID");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("does not show the tab to a learner without a role (fresh phone)", async () => {
    const { context, page, problems } = await phone();
    await page.goto(miniappUrl);
    const me = page.waitForResponse((r) => r.url().endsWith("/api/v1/admin/me") && r.status() === 200);
    await pickUser(page, LEARNER);
    expect(((await (await me).json()) as { roles: unknown[] }).roles).toEqual([]);
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button").allInnerTexts()).toEqual([
      "Trang chủ",
      "Tiến độ",
      "Giới thiệu",
    ]);
    expect(await navTab(page, "Quản trị").count()).toBe(0);
    await shot(page, "learner-no-admin-tab");

    // Typing the address does not help: the API refuses, and the page says why.
    await page.goto(`${miniappUrl}admin`);
    await expect.poll(() => page.getByRole("heading", { name: "Chỉ dành cho cán bộ" }).count(), REPLY).toBe(1);
    await shot(page, "learner-admin-address");
    expect(await navTab(page, "Quản trị").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a province-wide campaign waits for a second official's approval; the first cannot approve it (403)", async () => {
    for (const u of PROVINCE) expect(grant(u.id, "province_official", "01")).toContain("granted");
    const author = await phone();
    let page = author.page;
    await openAs(page, PROVINCE[0]);
    await expect.poll(() => navTab(page, "Quản trị").count(), REPLY).toBe(1);
    await navTab(page, "Quản trị").click();
    await expect.poll(() => page.locator(".role-list__item").innerText()).toContain("Cán bộ tỉnh");
    await page.getByRole("button", { name: "Soạn tin mới" }).click();
    const area = page.getByLabel("Khu vực", { exact: true });
    await expect.poll(() => area.locator("option:checked").innerText()).toBe("Thành phố Hà Nội (cả tỉnh/thành)");
    expect(await page.locator("#area-hint").innerText()).toContain("cần một cán bộ khác phê duyệt");
    // Communes inside the province can be picked by name, tone marks optional (none picked = the whole province).
    await page.getByLabel("Chỉ gửi một số xã/phường (không bắt buộc)").fill("ba dinh");
    await page.getByRole("button", { name: "+ Phường Ba Đình, Thành phố Hà Nội" }).click();
    const chosen = page.getByRole("button", { name: "Bỏ Phường Ba Đình, Thành phố Hà Nội" });
    await expect.poll(() => chosen.count()).toBe(1);
    await chosen.click();
    await expect.poll(() => chosen.count()).toBe(0);
    const title = "Lịch tiếp dân tháng này";
    await page.getByLabel("Tiêu đề", { exact: true }).fill(title);
    await page.getByLabel("Nội dung tin").fill("Thành phố tiếp dân vào sáng thứ Năm hằng tuần tại trụ sở tiếp công dân.");
    await page.getByLabel("Tin chính quyền").check();
    await page.getByLabel(safety.short, { exact: true }).check();
    await page.getByLabel("Mở một trang web (https)").check();
    await page.getByLabel("Địa chỉ trang web").fill("http://example.org");
    await page.getByRole("button", { name: "Xem trước" }).click();
    await expect.poll(() => page.locator("#url-error").innerText()).toContain("https://");
    await page.getByLabel("Địa chỉ trang web").fill("https://dichvucong.gov.vn");
    await page.getByRole("button", { name: "Lưu nháp" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText(), REPLY).toMatch(/^Chiến dịch số \d+$/);
    expect(await page.locator(".zbubble__button").allInnerTexts()).toEqual(["Xem chi tiết"]);
    // The Ba Đình follower is in the province and subscribed to one of the topics.
    expect(await cell(page, "Tổng số người sẽ nhận").innerText()).not.toBe("0");
    await page.getByRole("button", { name: "Gửi ngay" }).click();
    await page.getByRole("button", { name: "Xác nhận gửi" }).click();
    await expect.poll(() => page.locator(".status").innerText(), REPLY).toBe("Chờ cán bộ khác phê duyệt");
    await page.getByRole("button", { name: "Phê duyệt" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Cần một cán bộ khác phê duyệt chiến dịch này." }).count(), REPLY).toBe(1);
    await expectAccessible(page, "Admin campaign, awaiting approval");
    await fullShot(page, "admin-approval-refused-to-author");
    // The author's own campaign is in their list, "Chờ phê duyệt", but not among those awaiting their approval.
    await page.getByRole("button", { name: "Về trang Quản trị" }).click();
    const mine = page.locator(".list-button", { hasText: title });
    await expect.poll(() => mine.count(), REPLY).toBe(1);
    expect(await mine.locator(".status").innerText()).toBe("Chờ phê duyệt");
    expect(await mine.innerText()).toContain("Thành phố Hà Nội (cả tỉnh/thành)");
    expect(await page.getByRole("heading", { name: /Chờ tôi phê duyệt/ }).count()).toBe(0);
    await author.context.close();

    // The second official finds it on top of Quản trị, under "Chờ tôi phê duyệt", and approves it: it goes out.
    const approver = await phone();
    page = approver.page;
    await openAs(page, PROVINCE[1]);
    await expect.poll(() => navTab(page, "Quản trị").count(), REPLY).toBe(1);
    await navTab(page, "Quản trị").click();
    const approvals = page.locator("section", { has: page.getByRole("heading", { name: /Chờ tôi phê duyệt/ }) });
    await expect.poll(() => approvals.count(), REPLY).toBe(1);
    expect(await page.locator("main.content > section").first().innerText()).toContain("Chờ tôi phê duyệt");
    const waiting = approvals.locator(".list-button", { hasText: title });
    expect(await waiting.count()).toBe(1);
    expect(await waiting.locator(".status").innerText()).toBe("Chờ phê duyệt");
    // The province official's list also holds the Ba Đình campaign of the commune official (a commune of the province).
    await expect
      .poll(
        () =>
          page
            .locator("section", { has: page.getByRole("heading", { name: "Chiến dịch", exact: true }) })
            .locator(".list-button")
            .count(),
        REPLY,
      )
      .toBe(2);
    await expectAccessible(page, "Admin home, awaiting my approval");
    await fullShot(page, "admin-home-approvals");
    await waiting.click();
    await expect.poll(() => page.locator(".status").innerText(), REPLY).toBe("Chờ cán bộ khác phê duyệt");
    await page.getByRole("button", { name: "Phê duyệt" }).click();
    await expect.poll(() => page.locator(".status").innerText(), REPLY).toMatch(/^(Đang gửi|Đã gửi xong)$/);
    await expect.poll(() => cell(page, "Đã gửi").innerText(), REPLY).toBe("1");
    await expect.poll(async () => (await oaTextsTo(FOLLOWER)).filter((t) => t.startsWith(title)).length, REPLY).toBe(1);
    await fullShot(page, "admin-approved");
    expect([...author.problems, ...approver.problems]).toEqual([]);
    await approver.context.close();
  });
});
