import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { correctAnswer } from "../../shared/lib/grading.js";
import type { Question } from "../../shared/schemas/content.js";

export const SCREENSHOT_DIR = join(process.cwd(), "tests/e2e/screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

let shotNo = 0;
/**
 * Saves what the learner sees, numbered in the order the scenario passes through the screens. `miniapp: false` for
 * a page of the server outside the mini app (a certificate's public page), which has no zmp-ui pages to settle.
 */
export async function shot(page: Page, name: string, { miniapp = true } = {}): Promise<void> {
  if (miniapp) await settled(page);
  shotNo++;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${String(shotNo).padStart(2, "0")}-${name}.png`), fullPage: true });
}

/** Page transitions keep the old page in the DOM for a moment: look at a screen once it stands alone. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator(".zaui-page").count()).toBe(1);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page; serious and critical violations fail the test with what and where. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settled(page);
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an injected <script> it blocks).
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe.run({
      resultTypes: ["violations"],
    });
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

/** Reads every step of the open lesson with the Tiếp theo button, checking the step indicator on the way. */
export async function readAllSteps(page: Page, steps: number, name: string): Promise<void> {
  for (let i = 1; i <= steps; i++) {
    await expect.poll(() => page.locator(".step-indicator__text").first().innerText()).toBe(`Bước ${i}/${steps}`);
    await shot(page, `${name}-step-${i}`);
    if (i < steps) await page.getByRole("button", { name: "Tiếp theo" }).click();
  }
}

/** The button of an option, found by its text: the options are shown shuffled. */
function optionButton(page: Page, q: Question, id: string) {
  const o = q.options.find((x) => x.id === id)!;
  return page.locator("ul.options button.option").filter({ has: page.locator(".option__text", { hasText: o.text }) });
}

/**
 * Answers one question on screen: right, or deliberately wrong (single / true-false questions only). `check: false`
 * for a final assessment, which has no "Kiểm tra" button (the server grades the whole attempt).
 */
export async function answer(page: Page, q: Question, wrong = false, { check = true } = {}): Promise<void> {
  await expect.poll(() => page.locator(".question__prompt").innerText()).toBe(q.prompt);
  const right = correctAnswer(q);
  if (q.kind === "single" || q.kind === "true-false") {
    const pick = wrong ? q.options.find((o) => !right.includes(o.id))!.id : right[0]!;
    await optionButton(page, q, pick).click();
    return;
  }
  if (wrong) throw new Error("the scenario answers wrong only on single or true/false questions");
  if (q.kind === "multiple" || q.kind === "spot-scam") {
    for (const id of right) await optionButton(page, q, id).click();
  } else {
    // Order: move each step up into its place, as a learner would with the arrow buttons.
    for (let target = 0; target < q.options.length; target++) {
      const text = q.options[target]!.text;
      for (;;) {
        const texts = await page.locator(".order-item__text").allInnerTexts();
        const pos = texts.indexOf(text);
        if (pos === target) break;
        await page.getByRole("button", { name: `Đưa lên: ${text}`, exact: true }).click();
      }
    }
  }
  if (check) await page.getByRole("button", { name: "Kiểm tra" }).click();
}

/** shot() of the whole screen: zmp-ui pages scroll inside .zaui-page, so the phone is made as tall as the page for the picture. */
export async function fullShot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const top = await page.evaluate(() => document.querySelector(".zaui-page")?.scrollTop ?? 0);
  await page.evaluate(() => document.querySelectorAll(".zaui-page").forEach((p) => p.scrollTo(0, 0)));
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".zaui-page")].map((p) => p.scrollHeight)));
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 4000)) });
  try {
    await shot(page, name);
  } finally {
    await page.setViewportSize(viewport);
    await page.evaluate((y) => document.querySelectorAll(".zaui-page").forEach((p) => p.scrollTo(0, y)), top);
  }
}

/** Signs in through the public API as a sandbox user who saved their name, as the mini app does; returns the session token. */
export async function sessionOf(baseUrl: string, userId: string): Promise<string> {
  await fetch(`${baseUrl}/sandbox/users/${userId}/authorize`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scopes: ["scope.userInfo"] }),
  });
  const zalo = (await (await fetch(`${baseUrl}/sandbox/users/${userId}/token`, { method: "POST" })).json()) as { access_token: string };
  const res = await fetch(`${baseUrl}/api/v1/auth/zalo`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ accessToken: zalo.access_token, userInfoConsent: true }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Grants a role with the admin command line against the running server's database; already granted (by another e2e file) is fine. */
export function grantRole(dataDir: string, zaloUserId: string, role: string, areaCode: string): void {
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

/**
 * Picks a sandbox user in the web preview's "Bản xem thử" box and, the first time, saves their name as the person
 * would in Zalo ("Lưu tên của tôi": authorize scope.userInfo, then a sign-in that says so); then waits for the
 * greeting by name. A person who saved their name before is greeted at once.
 */
export async function pickUser(page: Page, user: { name: string }, timeout = 15_000): Promise<void> {
  await page.getByRole("button", { name: user.name }).click();
  const hello = page.locator(".hero__hello");
  const save = page.getByRole("button", { name: "Lưu tên của tôi" });
  await expect.poll(async () => (await hello.innerText()) === `Xin chào, ${user.name}!` || (await save.count()) > 0, { timeout }).toBe(true);
  if ((await save.count()) > 0) {
    await save.scrollIntoViewIfNeeded();
    await shot(page, "home-save-name");
    await save.click();
  }
  await expect.poll(() => hello.innerText(), { timeout }).toBe(`Xin chào, ${user.name}!`);
}
