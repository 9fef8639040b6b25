import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { launchChromium } from "./chromium.js";
import { expectAccessible, fullShot, grantRole, sessionOf, pickUser } from "./helpers.js";

const baseUrl = inject("baseUrl");
const course = loadCourseOrThrow();
const dataDir = inject("dataDir");
/** Sandbox users: a commune official of Phường Ba Đình, the team's leader, a member, and a resident. */
const OFFICIAL = { id: "5500000000000000005", name: "Hoàng Văn Em" };
const LEADER = { id: "5500000000000000003", name: "Lê Văn Cường" };
const MEMBER = { id: "5500000000000000004", name: "Phạm Thị Dung" };
const RESIDENT = { id: "5500000000000000002", name: "Trần Thị Bình" };
const TEAM_NAME = `Tổ công nghệ số khu phố ${String(Date.now()).slice(-4)}`;
const SLOW = { timeout: 15_000 };

let browser: Browser;
let miniappUrl: string;

/** A small phone (360 × 640), as many older members carry. */
async function phone(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: "vi-VN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

const api = async (method: string, path: string, token: string, body?: object) => {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

/**
 * Opens the mini app as a sandbox user and waits for the sign-in; then, with a query (?invite=…, ?ref=…), opens it
 * again the way a scanned QR code would (inside Zalo the person is signed in from the start).
 */
async function openAs(page: Page, user: { name: string }, query = ""): Promise<void> {
  await page.goto(miniappUrl);
  await pickUser(page, user, SLOW.timeout);
  if (query) await page.goto(`${miniappUrl}${query}`);
}

beforeAll(async () => {
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, OFFICIAL.id, "commune_official", "00004");
  for (const u of [LEADER, MEMBER, RESIDENT]) await sessionOf(baseUrl, u.id); // they have opened the app once
});

afterAll(async () => {
  await browser?.close();
});

describe("a tổ công nghệ số in the mini app", () => {
  let memberRef = "";

  it("the official creates a team and names its leader in Quản trị", async () => {
    const { context, page, problems } = await phone();
    await openAs(page, OFFICIAL);
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("button", { name: "Quản trị", exact: true }).click(SLOW);
    await page.getByRole("button", { name: "Các tổ công nghệ số" }).click();
    await page.getByLabel("Tên tổ").fill(TEAM_NAME);
    await page.getByRole("button", { name: "Lập tổ", exact: true }).click();
    await expect.poll(() => page.locator(".done-box").innerText(), SLOW).toContain(`Đã lập ${TEAM_NAME}`);
    // The leader-to-be joins first with an invite (their agreement to be in the team); then the official picks them.
    await page.getByRole("button", { name: "Tạo mã mời tổ trưởng vào tổ" }).click();
    await expect.poll(() => page.getByRole("img", { name: "Mã QR: Mã mời vào tổ" }).count(), SLOW).toBe(1);
    await fullShot(page, "team-admin-invite-leader");
    const official = await sessionOf(baseUrl, OFFICIAL.id);
    const teams = (await api("GET", "/api/v1/admin/teams", official)) as { teams: { id: number; name: string }[] };
    const created = teams.teams.find((x) => x.name === TEAM_NAME)!;
    const code = ((await api("POST", `/api/v1/teams/${created.id}/invites`, official)) as { code: string }).code;
    await api("POST", "/api/v1/teams/join", await sessionOf(baseUrl, LEADER.id), { code });
    await page.getByRole("button", { name: "Tải lại danh sách" }).click();
    await page.getByLabel("Chọn tổ trưởng trong thành viên").selectOption({ label: LEADER.name });
    await fullShot(page, "team-admin-create");
    await page.getByRole("button", { name: "Cử làm tổ trưởng" }).click();
    await expect.poll(() => page.locator(".done-box").innerText(), SLOW).toContain("Đã cử tổ trưởng");
    await expect.poll(() => page.getByText(`Tổ trưởng: ${LEADER.name}`).count(), SLOW).toBe(1);
    await expectAccessible(page, "admin teams");
    await fullShot(page, "team-admin-list");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("join from the invite QR → personal QR → record a visit → the leader sees the member", async () => {
    // The leader makes an invite on their phone.
    const leader = await phone();
    await openAs(leader.page, LEADER);
    await leader.page.getByRole("button", { name: /Tổ của tôi/ }).click(SLOW);
    await leader.page.getByRole("button", { name: "Tạo mã mời thành viên" }).click(SLOW);
    await expect.poll(() => leader.page.getByRole("img", { name: "Mã QR: Mã mời vào tổ" }).count(), SLOW).toBe(1);
    await fullShot(leader.page, "team-leader-invite");
    const token = await sessionOf(baseUrl, LEADER.id);
    const mine = (await api("GET", "/api/v1/me/team", token)) as { team: { id: number } };
    // The QR code holds the invite's deep link; the member's phone opens it.
    const invite = (await api("POST", `/api/v1/teams/${mine.team.id}/invites`, token)) as { link: string };
    const query = new URL(invite.link).search;

    const member = await phone();
    await openAs(member.page, MEMBER, query);
    await expect.poll(() => member.page.getByRole("heading", { name: TEAM_NAME }).count(), SLOW).toBe(1);
    await expect.poll(() => member.page.getByText("Phường Ba Đình, Thành phố Hà Nội").count()).toBe(1);
    await expectAccessible(member.page, "join");
    await fullShot(member.page, "team-join");
    await member.page.getByRole("button", { name: "Tham gia tổ" }).click();
    await expect.poll(() => member.page.getByRole("heading", { name: "Tổ của tôi" }).count(), SLOW).toBe(1);
    await expect.poll(() => member.page.getByRole("img", { name: "Mã QR: Mã QR của tôi" }).count(), SLOW).toBe(1);
    await member.page.getByRole("button", { name: "Chia sẻ qua Zalo" }).click();
    await expect.poll(() => member.page.getByText(/Đã chép đường dẫn|Chưa chia sẻ/).count()).toBe(1);
    const copied = await member.page.evaluate(() => navigator.clipboard.readText().catch(() => ""));
    if (copied) memberRef = new URL(copied).searchParams.get("ref") ?? "";
    await expectAccessible(member.page, "my team");
    await fullShot(member.page, "team-my-qr");
    // Posters carrying the member's own code: the A4 PDF opens outside the mini app.
    const firstSkill = member.page.getByRole("button", { name: /^In áp phích A4: / }).first();
    const [poster] = await Promise.all([member.page.context().waitForEvent("page", SLOW), firstSkill.click()]);
    const posterUrl = new URL(poster.url());
    expect(posterUrl.pathname).toMatch(/^\/api\/v1\/posters\/skill\/[a-z0-9-]+\.pdf$/);
    expect(posterUrl.searchParams.get("ref")).toMatch(/^m-/);
    await poster.close();

    // Record a visit: a label, today, two kinds.
    await member.page.getByRole("button", { name: "Ghi nhận hộ đã hỗ trợ" }).click();
    await member.page.getByLabel("Hộ gia đình").fill("0912 345 678");
    await expect.poll(() => member.page.getByText("Không ghi số căn cước, số điện thoại hay dãy số dài.").count()).toBe(1);
    await member.page.getByLabel("Hộ gia đình").fill("Nhà bác Tư, ngõ 5");
    await member.page.getByRole("button", { name: "Kích hoạt VNeID" }).click();
    await member.page.getByRole("button", { name: "Cảnh báo lừa đảo" }).click();
    await fullShot(member.page, "team-visit-form");
    await member.page.getByRole("button", { name: "Lưu", exact: true }).click();
    await expect.poll(() => member.page.locator(".done-box").innerText(), SLOW).toContain("Đã ghi nhận: Nhà bác Tư, ngõ 5");
    await expectAccessible(member.page, "visit");
    await fullShot(member.page, "team-visit-saved");
    const me = (await api("GET", "/api/v1/me/team", await sessionOf(baseUrl, MEMBER.id))) as { team: { myRefCode: string; visits: number } };
    expect(me.team.visits).toBe(1);
    if (!memberRef) memberRef = me.team.myRefCode;
    expect(memberRef).toBe(me.team.myRefCode);

    // A member sees the lesson's notes for the tổ under each step, and can print them.
    const taught = course.lessons.find((l) => l.teacherNotes)!;
    await member.page.goto(`${miniappUrl}lesson/${taught.id}`);
    await member.page.locator(".teacher-notes__summary").click(SLOW);
    await expect.poll(() => member.page.locator(".teacher-notes").innerText()).toContain(taught.teacherNotes!.handsOn);
    await fullShot(member.page, "team-teacher-notes");
    const [notesPdf] = await Promise.all([member.page.context().waitForEvent("page", SLOW), member.page.getByRole("button", { name: /In ghi chú/ }).click()]);
    expect(new URL(notesPdf.url()).pathname).toBe(`/api/v1/posters/${taught.id}/teacher-notes.pdf`);
    await notesPdf.close();

    // The leader sees the member with their progress.
    await leader.page.reload(); // still on "Tổ của tôi"
    await expect.poll(() => leader.page.locator(".member__name", { hasText: MEMBER.name }).count(), SLOW).toBe(1);
    await expectAccessible(leader.page, "leader's team");
    await fullShot(leader.page, "team-leader-members");
    // The official sees the same members from Quản trị.
    const official = await phone();
    await openAs(official.page, OFFICIAL);
    await official.page.goto(`${miniappUrl}admin/teams`);
    const row = official.page.locator("li.member", { hasText: TEAM_NAME });
    await row.getByRole("button", { name: "Xem thành viên" }).click(SLOW);
    await expect.poll(() => row.locator(".member__name", { hasText: MEMBER.name }).count(), SLOW).toBe(1);
    await expectAccessible(official.page, "official's view of a team");
    await fullShot(official.page, "team-admin-members");
    await official.context.close();
    expect([...leader.problems, ...member.problems, ...official.problems]).toEqual([]);
    await leader.context.close();
    await member.context.close();
  });

  it("a resident who opened the app with the member's code is asked, and credited after agreeing", async () => {
    expect(memberRef).not.toBe("");
    const { context, page, problems } = await phone();
    await openAs(page, RESIDENT, `?ref=${memberRef}`);
    await expect.poll(() => page.getByRole("heading", { name: `Bạn mở ứng dụng nhờ ${MEMBER.name}` }).count(), SLOW).toBe(1);
    await expect.poll(() => page.locator("input[type=checkbox]:checked").count()).toBe(0);
    await expectAccessible(page, "consent");
    await fullShot(page, "team-consent");
    await page.getByRole("button", { name: "Đồng ý", exact: true }).click();
    await expect.poll(() => page.locator(".done-box").innerText(), SLOW).toContain(`Đã ghi nhận cho ${TEAM_NAME}`);
    await fullShot(page, "team-consent-done");
    const me = (await api("GET", "/api/v1/me/team", await sessionOf(baseUrl, MEMBER.id))) as { team: { residentsCredited: number } };
    expect(me.team.residentsCredited).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
