import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { expectAccessible, fullShot, pickUser } from "./helpers.js";

const baseUrl = inject("baseUrl");
const USER = { id: "5500000000000000001", name: "Nguyễn Văn An" };
const SLOW = { timeout: 15_000 };

let browser: Browser;

let miniappUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
});

afterAll(async () => {
  await browser?.close();
});

describe("Giới thiệu: my data, explained, downloaded and erased", () => {
  it("explains what is kept and who sees it, downloads everything, and erases only after a clear confirmation", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: "vi-VN", acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(miniappUrl);
    await pickUser(page, USER, SLOW.timeout);

    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Giới thiệu", exact: true }).click();
    const privacy = page.getByRole("region", { name: "Dữ liệu của bạn" });
    await expect.poll(() => privacy.innerText(), SLOW).toContain("Ứng dụng không lưu số điện thoại của bạn.");
    const text = await privacy.innerText();
    for (const part of [
      "Mã của bạn trên Zalo OA",
      "ghi công cho tổ",
      "hộ gia đình",
      "Ai xem được?",
      "không bao giờ thấy số điện thoại",
      "Lưu bao lâu?",
      "91/2025/QH15",
      "356/2025/NĐ-CP",
    ])
      expect(text).toContain(part);
    await expectAccessible(page, "about");
    await fullShot(page, "about-my-data");

    // Download: the whole export as a JSON file, about this person only.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải dữ liệu của tôi" }).click()]);
    expect(download.suggestedFilename()).toBe("du-lieu-cua-toi.json");
    const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(data.learner.data).toMatchObject({ zaloUserId: USER.id, name: USER.name });
    expect(data.learner.explanation).toMatch(/Zalo/);
    await expect.poll(() => page.getByRole("status").innerText()).toContain("Đã tải tệp");

    // Erase: the server's erasure is covered by tests/integration/me-data.test.ts; here the DELETE is answered in the
    // browser, so that the shared e2e server keeps this sandbox user for the other scenarios.
    const sent: unknown[] = [];
    await page.route("**/api/v1/me", async (route) => {
      if (route.request().method() !== "DELETE") return route.continue();
      sent.push(route.request().postDataJSON());
      await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ erased: true }) });
    });
    await page.getByRole("button", { name: "Xoá dữ liệu của tôi" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Xoá hết dữ liệu của bạn?" });
    await expect.poll(() => dialog.innerText()).toContain("không lấy lại được");
    await expectAccessible(page, "about, erase confirmation");
    await fullShot(page, "about-erase-confirm");
    await dialog.getByRole("button", { name: "Không xoá" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(sent).toEqual([]);

    await page.getByRole("button", { name: "Xoá dữ liệu của tôi" }).click();
    await dialog.getByRole("button", { name: "Xoá vĩnh viễn" }).click();
    await expect.poll(() => privacy.innerText(), SLOW).toContain("Đã xoá dữ liệu của bạn.");
    expect(sent).toEqual([{ confirm: "XOA" }]);
    // The phone forgets the session and the progress too.
    expect(await page.evaluate(() => [localStorage.getItem("ksc.session"), localStorage.getItem("ksc.progress")])).toEqual(["null", "{}"]);
    await fullShot(page, "about-erased");
    expect(problems).toEqual([]);
    await context.close();
  });
});
