import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { expectAccessible, shot as viewportShot } from "./helpers.js";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
/** A commune official of Phường Ba Đình (the teams e2e uses the same one). */
const OFFICIAL = { id: "5500000000000000005", name: "Hoàng Văn Em" };
const BA_DINH = "00004";
const SLOW = { timeout: 15_000 };
const TEAM_NAME = `Tổ báo cáo ${String(Date.now()).slice(-4)}`;

let browser: Browser;
let miniappUrl: string;

function grant(zaloUserId: string, role: string, areaCode: string): void {
  try {
    execFileSync(process.execPath, ["--import", "tsx", "bot-server/src/cli/admin.ts", "grant", zaloUserId, role, areaCode], {
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dataDir, "e2e.db")}`, LOG_LEVEL: "warn" },
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (e) {
    if (!String((e as { stderr?: string }).stderr ?? e).includes("đã có")) throw e;
  }
}

async function sessionOf(userId: string): Promise<string> {
  const zalo = (await (await fetch(`${baseUrl}/sandbox/users/${userId}/token`, { method: "POST" })).json()) as { access_token: string };
  const res = await fetch(`${baseUrl}/api/v1/auth/zalo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accessToken: zalo.access_token }) });
  return ((await res.json()) as { token: string }).token;
}

/** The whole screen: zmp-ui pages scroll inside .zaui-page, so the phone is made as tall as the page for the picture. */
async function shot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.evaluate(() => document.querySelectorAll(".zaui-page").forEach((p) => p.scrollTo(0, 0)));
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".zaui-page")].map((p) => p.scrollHeight)));
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 4000)) });
  try {
    await viewportShot(page, name);
  } finally {
    await page.setViewportSize(viewport);
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grant(OFFICIAL.id, "commune_official", BA_DINH);
  // At least one team in Ba Đình, so that the report has something to count.
  const token = await sessionOf(OFFICIAL.id);
  const res = await fetch(`${baseUrl}/api/v1/admin/teams`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ communeCode: BA_DINH, name: TEAM_NAME }) });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
});

describe("Báo cáo in Quản trị", () => {
  it("shows the figures in large type, a line over the weeks, and a CSV with the same numbers", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: "vi-VN", acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(miniappUrl);
    await page.getByRole("button", { name: OFFICIAL.name }).click();
    await expect.poll(() => page.locator(".hero__hello").innerText(), SLOW).toBe(`Xin chào, ${OFFICIAL.name}!`);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click(SLOW);
    await page.getByRole("button", { name: "Xem báo cáo" }).click(SLOW);
    await expect.poll(() => page.locator("#report-scope-title").innerText(), SLOW).toBe("Phường Ba Đình, Thành phố Hà Nội");
    // The line chart is drawn on a canvas by uPlot (loaded with this screen only).
    await expect.poll(() => page.locator(".chart canvas").count(), SLOW).toBeGreaterThan(0);
    const figure = async (label: string) => (await page.locator(".figure", { has: page.locator(".figure__label", { hasText: new RegExp(`^${label}$`) }) }).locator(".figure__value").innerText()).replace(/\D/g, "");
    const screen = { teams: await figure("Số tổ"), newDigitalUsers: await figure("Người dùng số mới"), residentsCredited: await figure("Người dân được ghi nhận"), householdsVisited: await figure("Lượt hộ gia đình được hỗ trợ") };
    expect(Number(screen.teams)).toBeGreaterThan(0);
    // Figures are large: at least 24 px.
    const size = await page.locator(".figure__value").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    await expectAccessible(page, "reports");
    await shot(page, "admin-reports");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Tải báo cáo/ }).click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${BA_DINH}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    const value = (metric: string) => csv.split(/\r\n/).find((l) => l.startsWith(`total,${BA_DINH},`) && l.includes(`,${metric},`))!.split(",").at(-1);
    expect({ teams: value("teams"), newDigitalUsers: value("newDigitalUsers"), residentsCredited: value("residentsCredited"), householdsVisited: value("householdsVisited") }).toEqual(screen);
    // From the list of teams, one team's own report.
    await page.getByRole("button", { name: "Quay lại" }).first().click();
    await page.getByRole("button", { name: "Các tổ công nghệ số" }).click(SLOW);
    await page.locator("li", { hasText: TEAM_NAME }).getByRole("button", { name: "Báo cáo của tổ" }).click(SLOW);
    await expect.poll(() => page.locator("#report-scope-title").innerText(), SLOW).toBe(`${TEAM_NAME} — Phường Ba Đình, Thành phố Hà Nội`);
    expect(await figure("Số tổ")).toBe("1");
    await expectAccessible(page, "team report");
    expect(problems).toEqual([]);
    await context.close();
  });
});
