import { execFileSync } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { launchChromium } from "./chromium.js";
import { expectAccessible, fullShot, grantRole, pickUser } from "./helpers.js";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const course = loadCourseOrThrow();
const OFFICIAL = { id: "5500000000000000002", name: "Trần Thị Bình" };
let browser: Browser;
let miniappUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, OFFICIAL.id, "commune_official", "00004");
});
afterAll(async () => {
  await browser?.close();
});

describe("a commune official makes a bulletin for the loudspeaker", () => {
  it("from a lesson: the script for listening, the machine voice, an MP3 whose length ffprobe confirms, approved", async () => {
    const lesson = course.lessons.find((l) => l.skill === "an-toan-mang" && l.order === 1)!;
    const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(miniappUrl);
    await pickUser(page, OFFICIAL);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click();
    await page.getByRole("button", { name: "Bản tin truyền thanh" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText()).toBe("Bản tin truyền thanh");
    // This week's bulletin of the commune is waiting as a draft.
    await expect.poll(() => page.getByRole("heading", { name: /^Bản tin tuần / }).count(), { timeout: 15_000 }).toBe(1);

    await page.getByLabel("Bài học", { exact: true }).selectOption(lesson.id);
    await page.getByRole("button", { name: "Làm bản tin", exact: true }).click();
    const card = page.locator("section.card", { has: page.getByRole("heading", { name: lesson.title, exact: true }) });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.getByLabel("Lời đọc trên loa").inputValue()).toContain("Xin nhắc lại các bước.");
    await card.getByRole("button", { name: "Tạo giọng đọc máy" }).click();
    await expect.poll(() => card.locator(".bulletin-duration").count(), { timeout: 60_000 }).toBe(1);
    const shown = await card.locator(".bulletin-duration").innerText();
    const [, min, sec] = shown.match(/(\d+) phút (\d+) giây/)!;
    await expectAccessible(page, "Admin bulletins");
    await fullShot(page, "admin-bulletin");

    const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Tải MP3" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ban-tin-\d+\.mp3$/);
    const probed = execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "json", (await download.path())!], {
      encoding: "utf8",
    });
    const info = JSON.parse(probed) as { streams: { codec_name: string }[]; format: { duration: string } };
    expect(info.streams[0]!.codec_name).toBe("mp3");
    expect(Math.abs(Number(info.format.duration) - (Number(min) * 60 + Number(sec)))).toBeLessThan(1.5);

    await card.getByRole("button", { name: "Duyệt để phát" }).click();
    await expect.poll(() => card.locator(".status").innerText(), { timeout: 15_000 }).toBe("Đã duyệt — sẵn sàng phát");
    await context.close();
  });
});
