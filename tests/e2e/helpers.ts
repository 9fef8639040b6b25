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
/** Saves what the learner sees, numbered in the order the scenario passes through the screens. */
export async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
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
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe.run({
      resultTypes: ["violations"],
    });
    return r.violations;
  })) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
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

function optionButton(page: Page, q: Question, i: number) {
  return page.locator("ul.options button.option").nth(i);
}

/** Answers one question on screen: right, or deliberately wrong (single / true-false questions only). */
export async function answer(page: Page, q: Question, wrong = false): Promise<void> {
  await expect.poll(() => page.locator(".question__prompt").innerText()).toBe(q.prompt);
  const right = correctAnswer(q);
  if (q.kind === "single" || q.kind === "true-false") {
    const pick = wrong ? q.options.findIndex((_, i) => !right.includes(i)) : right[0]!;
    await optionButton(page, q, pick).click();
    return;
  }
  if (wrong) throw new Error("the scenario answers wrong only on single or true/false questions");
  if (q.kind === "multiple" || q.kind === "spot-scam") {
    for (const i of right) await optionButton(page, q, i).click();
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
  await page.getByRole("button", { name: "Kiểm tra" }).click();
}
