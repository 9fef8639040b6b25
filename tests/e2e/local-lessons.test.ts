import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AreaLessons } from "../../shared/schemas/local-lesson.js";
import { launchChromium } from "./chromium.js";
import { answer, expectAccessible, fullShot, grantRole, pickUser, sessionOf, shot } from "./helpers.js";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const AUTHOR = { id: "5500000000000000002", name: "Trần Thị Bình" };
const APPROVER = { id: "5500000000000000005", name: "Hoàng Văn Em" };
const RESIDENT = { id: "5500000000000000001", name: "Nguyễn Văn An" };
const ELSEWHERE = { id: "5500000000000000004", name: "Phạm Thị Dung" };
const TITLE = "Zalo và trang web của phường Ba Đình";
let browser: Browser;
let miniappUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, AUTHOR.id, "commune_official", "00004");
  grantRole(dataDir, APPROVER.id, "commune_official", "00004");
});
afterAll(async () => {
  await browser?.close();
});

const phone = async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
  return { context, page: await context.newPage() };
};

async function openLocalLessons(page: Page, who: { name: string }) {
  await page.goto(miniappUrl);
  await pickUser(page, who);
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click();
  await page.getByRole("button", { name: "Bài học của địa phương" }).click();
  await expect.poll(() => page.locator(".app-header__title").innerText()).toBe("Bài học của địa phương");
}

/** The skill page of the local lessons, with my commune chosen by typing its name (or changed to it). */
async function chooseCommune(page: Page, typed: string, fullName: string) {
  await page.goto(`${miniappUrl}skill/dia-phuong`);
  const search = page.getByLabel("Xã, phường nơi bạn sống");
  const change = page.getByRole("button", { name: "Đổi xã, phường" });
  await expect.poll(async () => (await search.count()) + (await change.count()), { timeout: 15_000 }).toBeGreaterThan(0);
  if (await change.count()) await change.click();
  await search.fill(typed);
  await page.getByRole("button", { name: fullName, exact: true }).click();
  await expect.poll(() => page.locator("#area-lessons-title").innerText()).toBe(`Bài của ${fullName}`);
}

describe("officials write a lesson of their commune, and its residents learn it", () => {
  it("an official writes it from the sample with a photo, previews it and submits it; a second official approves it", async () => {
    const { context, page } = await phone();
    await openLocalLessons(page, AUTHOR);
    await page.getByRole("button", { name: "Bắt đầu từ bài mẫu" }).click();
    await page.getByLabel("Tên bài (tối đa 12 từ)").fill(TITLE);

    // The sample's drawing is not carried over: saving without a photo is refused, the problem named at its place.
    await page.getByRole("button", { name: "Lưu bài" }).click();
    await expect.poll(() => page.locator(".error-box").innerText(), { timeout: 15_000 }).toContain("chỗ cần sửa");
    expect(await page.locator(".fieldset .field__error").first().innerText()).toBe("Bài học cần ít nhất một bước có ảnh minh họa.");
    await fullShot(page, "local-lesson-problems");

    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#1565c0" } })
      .composite([
        { input: Buffer.from('<svg width="1600" height="1200"><rect x="200" y="200" width="1200" height="800" fill="#fff"/></svg>'), top: 0, left: 0 },
      ])
      .jpeg()
      .toBuffer();
    await page.getByLabel("Ảnh minh họa (chụp hoặc chọn từ máy)").nth(1).setInputFiles({ name: "tru-so.jpg", mimeType: "image/jpeg", buffer: photo });
    const alt = page.getByLabel("Mô tả ảnh (đọc cho người không xem được ảnh)");
    await expect.poll(() => alt.count(), { timeout: 20_000 }).toBe(1);
    await alt.fill("Mã QR tài khoản Zalo của phường dán ở trụ sở");

    await page.getByRole("button", { name: "Xem trước như người dân" }).click();
    const preview = page.getByRole("region", { name: "Xem trước bài học" });
    await expect.poll(() => preview.getByRole("heading", { name: `Xem trước: ${TITLE}` }).count()).toBe(1);
    const img = preview.getByRole("img", { name: "Mã QR tài khoản Zalo của phường dán ở trụ sở" });
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBe(960);
    await img.scrollIntoViewIfNeeded();
    await shot(page, "local-lesson-preview");

    await page.getByRole("button", { name: "Lưu bài" }).click();
    const card = page.getByRole("region", { name: TITLE });
    await expect.poll(() => card.locator(".status").innerText(), { timeout: 15_000 }).toBe("Đang soạn");
    await card.getByRole("button", { name: "Gửi duyệt" }).click();
    await expect.poll(() => card.locator(".status").innerText()).toBe("Chờ cán bộ khác duyệt");
    expect(await card.getByRole("button", { name: "Duyệt và đăng bài" }).count()).toBe(0);
    await expectAccessible(page, "Admin local lessons");
    await fullShot(page, "local-lesson-submitted");
    await context.close();

    const second = await phone();
    await openLocalLessons(second.page, APPROVER);
    const waiting = second.page.getByRole("region", { name: TITLE });
    // The approver reads the lesson as residents will before the approval is possible.
    expect(await waiting.getByRole("button", { name: "Duyệt và đăng bài" }).isDisabled()).toBe(true);
    await waiting.getByRole("button", { name: "Đọc bài trước khi duyệt" }).click();
    await expect.poll(() => waiting.getByRole("heading", { name: `Xem trước: ${TITLE}` }).count()).toBe(1);
    await waiting.getByRole("button", { name: "Duyệt và đăng bài" }).click();
    await expect.poll(() => waiting.locator(".status").innerText()).toBe("Người dân đang học");
    await second.context.close();
  });

  it("a resident of the commune finds it, and reads it and passes its quiz offline; a resident elsewhere does not see it", async () => {
    const { context, page } = await phone();
    await page.goto(miniappUrl);
    await pickUser(page, RESIDENT);
    await chooseCommune(page, "ba dinh", "Phường Ba Đình, Thành phố Hà Nội");
    const item = page.locator(".lesson-card", { hasText: TITLE });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.innerText()).toContain("Do Phường Ba Đình, Thành phố Hà Nội soạn");
    await fullShot(page, "local-lessons-resident");
    const served = ((await (await fetch(`${baseUrl}/api/v1/local-lessons?commune=00004`)).json()) as AreaLessons).lessons.find(
      (l) => l.lesson.title === TITLE,
    )!;
    const lesson = served.lesson;
    // The photo is kept on the phone with the lesson once loaded.
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open("ksc-audio-v1")).keys()).some((r) => r.url.includes("/api/v1/local-images/"))), {
        timeout: 15_000,
      })
      .toBe(true);

    await context.setOffline(true);
    await item.click();
    const photoStep = lesson.steps.findIndex((s) => s.image);
    for (let i = 0; i < photoStep; i++) await page.getByRole("button", { name: "Tiếp theo" }).click();
    const img = page.locator("img.step__image");
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(960);
    await shot(page, "local-lesson-offline-photo");
    for (let i = photoStep; i < lesson.steps.length - 1; i++) await page.getByRole("button", { name: "Tiếp theo" }).click();
    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    for (const [i, q] of lesson.quiz.entries()) {
      await answer(page, q);
      await page.getByRole("button", { name: i === lesson.quiz.length - 1 ? "Xem kết quả" : "Câu tiếp theo" }).click();
    }
    await expect.poll(() => page.locator(".result__verdict").innerText()).toBe("Bạn đã đạt bài này!");
    await context.setOffline(false);
    const token = await sessionOf(baseUrl, RESIDENT.id);
    const progress = async () =>
      (
        (await (await fetch(`${baseUrl}/api/v1/progress`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          lessons: { lessonId: string; passed: boolean }[];
        }
      ).lessons;
    await expect.poll(async () => (await progress()).find((l) => l.lessonId === lesson.id)?.passed, { timeout: 20_000 }).toBe(true);
    await context.close();

    const other = await phone();
    await other.page.goto(miniappUrl);
    await pickUser(other.page, ELSEWHERE);
    await chooseCommune(other.page, "ngoc ha", "Phường Ngọc Hà, Thành phố Hà Nội");
    await expect
      .poll(() => other.page.locator(".area-lessons [role=status]").innerText(), { timeout: 15_000 })
      .toBe("Xã, phường của bạn chưa có bài riêng. Hãy học các bài mẫu ở trên.");
    expect(await other.page.locator(".lesson-card", { hasText: TITLE }).count()).toBe(0);
    await other.context.close();
  });
});
