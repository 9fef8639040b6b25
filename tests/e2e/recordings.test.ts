import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { launchChromium } from "./chromium.js";
import { expectAccessible, fullShot, grantRole, pickUser } from "./helpers.js";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
const course = loadCourseOrThrow();
const OPERATOR = { id: "5500000000000000005", name: "Hoàng Văn Em" };
let browser: Browser;
let miniappUrl: string;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, OPERATOR.id, "operator", "");
  dir = mkdtempSync(join(tmpdir(), "rec-e2e-"));
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the operator records a step in a person's voice", () => {
  it("uploads a recording for a step in Quản trị; residents then hear it instead of the machine voice", async () => {
    const lesson = course.lessons.find((l) => l.skill === course.skills[0]!.id && l.order === 1)!;
    const file = join(dir, "buoc-1.wav");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=330:duration=3", "-ac", "1", file]);
    const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(miniappUrl);
    await pickUser(page, OPERATOR);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click();
    await page.getByRole("button", { name: "Ghi âm bài học" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText()).toBe("Ghi âm bài học");
    await page.getByLabel("Bài học", { exact: true }).selectOption(lesson.id);
    const first = page.locator(".question-item").first();
    await expect.poll(() => first.locator(".question-item__meta").innerText(), { timeout: 15_000 }).toBe("Đang dùng giọng đọc của máy");
    await first.getByLabel("Tệp âm thanh cho bước 1").setInputFiles(file);
    await expect.poll(() => first.locator(".question-item__meta").innerText(), { timeout: 15_000 }).toBe("Đã có bản ghi âm (3 giây)");
    expect(await first.getByRole("button", { name: "Xóa bản ghi" }).count()).toBe(1);
    await expectAccessible(page, "Admin recordings");
    await fullShot(page, "admin-recordings");

    // A resident opening the lesson hears the person: no machine-voice label on that step, the next one has it.
    const resident = await context.newPage();
    await resident.goto(`${miniappUrl}?lesson=${lesson.id}`);
    await expect.poll(() => resident.locator(".listen__button").count(), { timeout: 15_000 }).toBe(1);
    expect(await resident.locator(".listen__machine").count()).toBe(0);
    await resident.getByRole("button", { name: "Tiếp theo" }).click();
    await expect.poll(() => resident.locator(".listen__machine").count()).toBe(1);
    await context.close();
  });
});
