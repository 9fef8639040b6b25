import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { expectAccessible, fullShot, grantRole, sessionOf, pickUser } from "./helpers.js";

const baseUrl = inject("baseUrl");
const dataDir = inject("dataDir");
/** A commune official of Phường Ba Đình (the teams e2e uses the same one). */
const OFFICIAL = { id: "5500000000000000005", name: "Hoàng Văn Em" };
const BA_DINH = "00004";
const SLOW = { timeout: 15_000 };
const TEAM_NAME = `Tổ báo cáo ${String(Date.now()).slice(-4)}`;

let browser: Browser;
let miniappUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, OFFICIAL.id, "commune_official", BA_DINH);
  // At least one team in Ba Đình, so that the report has something to count.
  const token = await sessionOf(baseUrl, OFFICIAL.id);
  const res = await fetch(`${baseUrl}/api/v1/admin/teams`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ communeCode: BA_DINH, name: TEAM_NAME }),
  });
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
    await pickUser(page, OFFICIAL, SLOW.timeout);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click(SLOW);
    await page.getByRole("button", { name: "Xem báo cáo" }).click(SLOW);
    await expect.poll(() => page.locator("#report-scope-title").innerText(), SLOW).toBe("Phường Ba Đình, Thành phố Hà Nội");
    // The line chart is drawn on a canvas by uPlot (loaded with this screen only).
    await expect.poll(() => page.locator(".chart canvas").count(), SLOW).toBeGreaterThan(0);
    const figure = async (label: string) =>
      (
        await page
          .locator(".figure", { has: page.locator(".figure__label", { hasText: new RegExp(`^${label}$`) }) })
          .locator(".figure__value")
          .innerText()
      ).replace(/\D/g, "");
    const screen = {
      teams: await figure("Số tổ"),
      newDigitalUsers: await figure("Người dùng số mới"),
      residentsCredited: await figure("Người dân được ghi nhận"),
      householdsVisited: await figure("Lượt hộ gia đình được hỗ trợ"),
    };
    expect(Number(screen.teams)).toBeGreaterThan(0);
    // Figures are large: at least 24 px.
    const size = await page
      .locator(".figure__value")
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    await expectAccessible(page, "reports");
    await fullShot(page, "admin-reports");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Tải báo cáo/ }).click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${BA_DINH}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    const value = (metric: string) =>
      csv
        .split(/\r\n/)
        .find((l) => l.startsWith(`total,${BA_DINH},`) && l.includes(`,${metric},`))!
        .split(",")
        .at(-1);
    expect({
      teams: value("teams"),
      newDigitalUsers: value("newDigitalUsers"),
      residentsCredited: value("residentsCredited"),
      householdsVisited: value("householdsVisited"),
    }).toEqual(screen);
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

  it("draws a province's bars by commune and its weekly lines legibly (a national-scale answer, served by a stub)", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const names = [
      "Ba Đình",
      "Ngọc Hà",
      "Giảng Võ",
      "Hoàn Kiếm",
      "Cửa Nam",
      "Đống Đa",
      "Kim Liên",
      "Văn Miếu - Quốc Tử Giám",
      "Láng",
      "Ô Chợ Dừa",
      "Hồng Hà",
      "Lĩnh Nam",
      "Hoàng Mai",
    ];
    const figures = (i: number) => ({
      teams: 3 + (i % 4),
      members: 20 + i,
      trained: 12 + i,
      trainedPct: Math.floor(((12 + i) * 100) / (20 + i)),
      residentsCredited: 400 - i * 20,
      residentsLearning: 300 - i * 17,
      lessonsCompleted: 1500 - i * 60,
      householdsVisited: 250 - i * 9,
      accountsCreated: 180 - i * 7,
      newDigitalUsers: 480 - i * 24,
      residentsInLedger: 260 - i * 11,
      adults: 9000 + i * 100,
      outcomes: { "vneid-level2": 150 - i * 6, "scam-lesson": 90 - i * 3 },
    });
    const communes = names.map((n, i) => ({ code: String(4 + i).padStart(5, "0"), name: `Phường ${n}, Thành phố Hà Nội`, ...figures(i) }));
    const sum = (k: Exclude<keyof ReturnType<typeof figures>, "outcomes">) => communes.reduce((a, c) => a + (c[k] ?? 0), 0);
    const outcomeSum = (k: "vneid-level2" | "scam-lesson") => communes.reduce((a, c) => a + c.outcomes[k], 0);
    const totals = {
      teams: sum("teams"),
      members: sum("members"),
      trained: sum("trained"),
      trainedPct: Math.floor((sum("trained") * 100) / sum("members")),
      residentsCredited: sum("residentsCredited"),
      residentsLearning: sum("residentsLearning"),
      lessonsCompleted: sum("lessonsCompleted"),
      householdsVisited: sum("householdsVisited"),
      accountsCreated: sum("accountsCreated"),
      newDigitalUsers: sum("newDigitalUsers"),
      residentsInLedger: sum("residentsInLedger"),
      adults: sum("adults"),
      outcomes: { "vneid-level2": outcomeSum("vneid-level2"), "scam-lesson": outcomeSum("scam-lesson") },
    };
    const report = {
      scope: { kind: "province", code: "01", name: "Thành phố Hà Nội" },
      generatedAt: "2026-11-28T02:00:00.000Z",
      totals,
      cost: {
        teamMonths: 300,
        teamMonthVnd: 500000,
        memberTrainedVnd: 200000,
        totalVnd: 300 * 500000 + totals.trained * 200000,
        perNewDigitalUserVnd: Math.round((300 * 500000 + totals.trained * 200000) / totals.newDigitalUsers),
      },
      quizBySkill: [
        { skillId: "co-ban", title: "Làm quen với điện thoại thông minh và Zalo", attempted: 4200, passed: 3300, passRatePct: 78 },
        { skillId: "an-toan-mang", title: "Tự bảo vệ trên không gian mạng", attempted: 2100, passed: 1400, passRatePct: 66 },
      ],
      outcomes: [
        {
          kind: "vneid-level2",
          label: "Đã kích hoạt tài khoản định danh điện tử VNeID mức 2",
          digitalUser: true,
          residents: outcomeSum("vneid-level2"),
          pctOfAdults: Math.round((outcomeSum("vneid-level2") * 1000) / sum("adults")) / 10,
        },
        {
          kind: "scam-lesson",
          label: "Đã học xong bài phòng chống lừa đảo trên mạng",
          digitalUser: false,
          residents: outcomeSum("scam-lesson"),
          pctOfAdults: Math.round((outcomeSum("scam-lesson") * 1000) / sum("adults")) / 10,
        },
      ],
      adultsKnown: { communes: communes.length, of: communes.length },
      visitsByKind: [
        { kind: "vneid", label: "Kích hoạt VNeID", account: true, visits: 900 },
        { kind: "scam-awareness", label: "Cảnh báo lừa đảo", account: false, visits: 640 },
      ],
      communes,
      weekly: Array.from({ length: 12 }, (_, i) => ({
        weekStart: new Date(Date.UTC(2026, 8, 7) + i * 7 * 86_400_000).toISOString().slice(0, 10),
        residentsCredited: 200 + i * 25,
        lessonsCompleted: 700 + i * 60 + (i % 3) * 40,
        householdsVisited: 120 + i * 10,
        membersJoined: 5 + (i % 4),
        outcomes: { "vneid-level2": 10 + i },
      })),
    };
    await page.route(/\/api\/v1\/admin\/reports\?/, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(report) }));
    await page.goto(miniappUrl);
    await pickUser(page, OFFICIAL, SLOW.timeout);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click(SLOW);
    await page.getByRole("button", { name: "Xem báo cáo" }).click(SLOW);
    await expect.poll(() => page.locator("#report-scope-title").innerText(), SLOW).toBe("Thành phố Hà Nội");
    await expect.poll(() => page.locator(".chart canvas").count(), SLOW).toBe(2);
    await expect.poll(() => page.getByRole("img", { name: "Biểu đồ cột: người dùng số mới theo xã/phường" }).count()).toBe(1);
    // The 12 communes with the most new digital users (counted in their section: pages behind it stay mounted).
    expect(await page.locator('section[aria-labelledby="report-communes-title"] .list-button').count()).toBe(12);
    await expectAccessible(page, "province report");
    await fullShot(page, "admin-reports-province");
    expect(problems).toEqual([]);
    await context.close();
  });
});
