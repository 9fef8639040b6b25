import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import type { ProgressResponse } from "../../shared/schemas/api.js";
import { launchChromium } from "./chromium.js";
import { answer, expectAccessible, readAllSteps, shot } from "./helpers.js";

const baseUrl = inject("baseUrl");
const course = loadCourseOrThrow();
// A lesson of five questions starting with a choice question: one wrong answer still passes (4/5 = 80 %).
const first = course.lessons.find((l) => l.quiz.length === 5 && ["single", "true-false"].includes(l.quiz[0]!.kind))!;
const second = course.lessons.find((l) => l.skill === first.skill && l.id !== first.id)!;
const skill = course.skills.find((s) => s.id === first.skill)!;
const skillLessons = course.lessons.filter((l) => l.skill === skill.id).length;
const USER = { id: "5500000000000000001", name: "Nguyễn Văn An" };

let browser: Browser;
let miniappUrl: string;

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return { context, page };
}

/** Signs in as the sandbox user through the public API, as the mini app does. */
async function signIn(): Promise<{ token: string; learner: { refCode: string | null } }> {
  const zalo = (await (await fetch(`${baseUrl}/sandbox/users/${USER.id}/token`, { method: "POST" })).json()) as { access_token: string };
  const res = await fetch(`${baseUrl}/api/v1/auth/zalo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accessToken: zalo.access_token }) });
  return (await res.json()) as { token: string; learner: { refCode: string | null } };
}

/** What the server holds for the sandbox user. */
async function serverProgress(): Promise<ProgressResponse> {
  const { token } = await signIn();
  return (await (await fetch(`${baseUrl}/api/v1/progress`, { headers: { authorization: `Bearer ${token}` } })).json()) as ProgressResponse;
}

function skillCard(page: Page) {
  return page.locator(".skill-card", { hasText: skill.title });
}

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
});

afterAll(async () => {
  await browser?.close();
});

describe("a resident learns from a poster's QR code", () => {
  it("opens ?lesson=, reads every step, fails one question, passes, and sees the progress on Home and from the server", async () => {
    const { context, page } = await phone();
    await page.goto(`${miniappUrl}?lesson=${first.id}&ref=POSTER01`);

    await expect.poll(() => page.locator(".app-header__title").first().innerText()).toBe(first.title);
    await expectAccessible(page, "Lesson");
    // "Aa" changes the text size and the choice is remembered across a reload.
    await page.getByRole("button", { name: /Cỡ chữ: vừa/ }).click();
    await expect.poll(() => page.locator(".page.text-size-1").count()).toBe(1);
    await readAllSteps(page, first.steps.length, "lesson");

    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    await expectAccessible(page, "Quiz");
    const [q1, ...rest] = first.quiz;
    await answer(page, q1!, true);
    await expect.poll(() => page.locator(".feedback__title").innerText()).toBe("Chưa đúng");
    // The explanation of the learner's own wrong choice is shown.
    const picked = q1!.options.find((o) => !o.correct)!;
    expect(await page.locator(".feedback__list li.is-mine").innerText()).toContain(picked.explain);
    await shot(page, "quiz-wrong-answer");
    await page.getByRole("button", { name: "Câu tiếp theo" }).click();
    for (const [i, q] of rest.entries()) {
      await answer(page, q);
      await expect.poll(() => page.locator(".feedback__title").innerText()).toBe("Đúng rồi!");
      await shot(page, `quiz-q${i + 2}`);
      await page.getByRole("button", { name: i === rest.length - 1 ? "Xem kết quả" : "Câu tiếp theo" }).click();
    }
    await expect.poll(() => page.locator(".result__score").innerText()).toBe("4/5 câu đúng (80%)");
    expect(await page.locator(".result__verdict").innerText()).toBe("Bạn đã đạt bài này!");
    await shot(page, "quiz-result");

    await page.getByRole("button", { name: "Về trang chủ" }).click();
    await expect.poll(() => skillCard(page).locator(".skill-card__meta").innerText()).toBe(`Đã đạt 1/${skillLessons} bài`);
    await expectAccessible(page, "Home");
    await shot(page, "home-before-sign-in");

    // The web preview signs in as a sandbox user; the queued attempt is then sent to the server.
    await page.getByRole("button", { name: USER.name }).click();
    await expect.poll(() => page.locator(".hero__hello").innerText()).toBe(`Xin chào, ${USER.name}!`);
    await expect.poll(async () => (await serverProgress()).lessons.find((l) => l.lessonId === first.id)?.passed, { timeout: 15_000 }).toBe(true);
    const stored = (await serverProgress()).lessons.find((l) => l.lessonId === first.id)!;
    expect(stored).toMatchObject({ read: true, attempts: 1, bestScorePct: 80, passed: true });
    // The poster's ref code went with the first sync.
    expect((await signIn()).learner.refCode).toBe("POSTER01");
    await shot(page, "home-signed-in");

    await page.reload();
    await expect.poll(() => skillCard(page).locator(".skill-card__meta").innerText()).toBe(`Đã đạt 1/${skillLessons} bài`);
    // The text size chosen with "Aa" is remembered.
    await skillCard(page).click();
    await page.locator(".lesson-card", { hasText: first.title }).click();
    await expect.poll(() => page.locator(".page.text-size-1").count()).toBe(1);
    // A deep path survives a reload (the page loads its assets from the app's base).
    await page.reload();
    await expect.poll(() => page.locator(".app-header__title").first().innerText()).toBe(first.title);
    await context.close();
  });

  it("shows the progress again on a fresh phone, from the server", async () => {
    const { context, page } = await phone();
    await page.goto(miniappUrl);
    await expect.poll(() => skillCard(page).locator(".skill-card__meta").innerText()).toBe(`Đã đạt 0/${skillLessons} bài`);
    await page.getByRole("button", { name: USER.name }).click();
    await expect.poll(() => skillCard(page).locator(".skill-card__meta").innerText(), { timeout: 15_000 }).toBe(`Đã đạt 1/${skillLessons} bài`);
    await shot(page, "fresh-phone-progress-from-server");
    await page.getByRole("button", { name: "Tiến độ" }).click();
    await expect.poll(() => page.locator(".sync-status").innerText()).toBe("Tiến độ đã được lưu trên máy chủ.");
    await shot(page, "my-progress");
    await context.close();
  });

  it("keeps learning offline and syncs when the connection comes back", async () => {
    const { context, page } = await phone();
    await page.goto(miniappUrl);
    await page.getByRole("button", { name: USER.name }).click();
    await expect.poll(() => page.locator(".hero__hello").innerText()).toBe(`Xin chào, ${USER.name}!`);
    await skillCard(page).click();
    await expect.poll(() => page.locator(".lesson-card").count()).toBe(skillLessons);
    await shot(page, "skill");

    await context.setOffline(true);
    await page.locator(".lesson-card", { hasText: second.title }).click();
    await expect.poll(() => page.locator(".network-banner").innerText()).toContain("Bạn đang ngoại tuyến");
    await readAllSteps(page, second.steps.length, "offline-lesson");
    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    for (const [i, q] of second.quiz.entries()) {
      await answer(page, q);
      await page.getByRole("button", { name: i === second.quiz.length - 1 ? "Xem kết quả" : "Câu tiếp theo" }).click();
    }
    await expect.poll(() => page.locator(".result__verdict").innerText()).toBe("Bạn đã đạt bài này!");
    await expect.poll(() => page.locator(".network-banner").innerText()).toContain("kết quả đang chờ gửi");
    await shot(page, "offline-result");
    expect((await serverProgress()).lessons.find((l) => l.lessonId === second.id)).toBeUndefined();

    await context.setOffline(false);
    await expect.poll(async () => (await serverProgress()).lessons.find((l) => l.lessonId === second.id)?.passed, { timeout: 20_000 }).toBe(true);
    await page.getByRole("button", { name: "Về trang chủ" }).click();
    await page.getByRole("button", { name: "Tiến độ" }).click();
    await expect.poll(() => page.locator(".sync-status").innerText()).toBe("Tiến độ đã được lưu trên máy chủ.");
    await shot(page, "back-online-progress");
    const p = await serverProgress();
    expect(p.lessons.find((l) => l.lessonId === first.id)?.attempts).toBe(1);
    expect(p.lessons.find((l) => l.lessonId === second.id)).toMatchObject({ read: true, attempts: 1, bestScorePct: 100, passed: true });
    await context.close();
  });
});
