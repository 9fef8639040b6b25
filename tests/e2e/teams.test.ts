import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import type { Report } from "../../shared/schemas/report.js";
import { launchChromium } from "./chromium.js";
import { answer, expectAccessible, fullShot, grantRole, sessionOf, shot, pickUser } from "./helpers.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";

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
/** The skill whose final assessment the resident takes (real course: 10 of its bank's questions). */
const SKILL = "an-toan-mang";
const SKILL_TITLE = course.skills.find((x) => x.id === SKILL)!.title;

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
  ensureDebianTools({ zbarimg: "zbar-tools", pdftoppm: "poppler-utils" });
  browser = await launchChromium();
  const meta = (await (await fetch(`${baseUrl}/api/v1/meta`)).json()) as { miniappId: string };
  miniappUrl = `${baseUrl}/zapps/${meta.miniappId}/`;
  grantRole(dataDir, OFFICIAL.id, "commune_official", "00004");
  for (const u of [LEADER, MEMBER, RESIDENT]) await sessionOf(baseUrl, u.id); // they have opened the app once
}, 300_000);

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

  it("the resident passes a skill's final assessment, the member confirms the hands-on tasks, and the certificate's QR opens a page that says valid, then revoked", async () => {
    const bank = course.assessments.find((a) => a.skill === SKILL)!;
    const resident = await phone();
    const { page } = resident;
    await openAs(page, RESIDENT, `skill/${SKILL}`);
    await page.getByRole("button", { name: "Bài kiểm tra và chứng nhận" }).click();
    await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
    await expect.poll(() => page.locator(".question__prompt").count(), SLOW).toBe(1);
    await fullShot(page, "assessment-question");
    await expectAccessible(page, "final assessment");
    const shown: string[] = [];
    for (;;) {
      const prompt = await page.locator(".question__prompt").innerText();
      const q = bank.questions.find((x) => x.prompt === prompt);
      expect(q, prompt).toBeDefined();
      shown.push(q!.id);
      await answer(page, q!, false, { check: false });
      const submit = page.getByRole("button", { name: "Nộp bài" });
      if (await submit.count()) {
        await submit.click();
        break;
      }
      await page.getByRole("button", { name: "Câu tiếp theo" }).click();
      await expect.poll(() => page.locator(".question__prompt").innerText()).not.toBe(prompt);
    }
    expect(new Set(shown).size).toBe(10);
    await expect.poll(() => page.getByRole("heading", { name: "Chúc mừng! Bạn đã đạt bài kiểm tra" }).count(), SLOW).toBe(1);
    expect(await page.locator(".score").innerText()).toBe("10/10 câu đúng");
    await fullShot(page, "assessment-passed");
    await page.getByRole("button", { name: "Xem các bước hoàn thành kỹ năng" }).click();

    // The resident agrees and shows the code; the member, on their own phone, confirms what they watched.
    await page.getByRole("button", { name: "Nhờ thành viên tổ xác nhận" }).click();
    await page.getByRole("button", { name: "Đồng ý, hiện mã" }).click();
    const code = (await page.locator(".hands-on-code").innerText({ timeout: SLOW.timeout })).trim();
    expect(code).toMatch(/^[0-9A-Z]{6}$/);
    await fullShot(page, "hands-on-code");
    const member = await phone();
    await openAs(member.page, MEMBER, "team/hands-on");
    await member.page.getByLabel("Mã xác nhận").fill(code.toLowerCase());
    await member.page.getByRole("button", { name: "Mở", exact: true }).click();
    await expect.poll(() => member.page.locator(".task-check .task__title").count(), SLOW).toBe(bank.tasks.length);
    for (const t of bank.tasks) await member.page.getByRole("checkbox", { name: t.title }).check();
    await fullShot(member.page, "hands-on-member");
    await expectAccessible(member.page, "hands-on confirmation");
    await member.page.getByRole("button", { name: `Xác nhận ${bank.tasks.length} việc` }).click();
    await expect.poll(() => member.page.locator(".done-box").innerText(), SLOW).toContain(`Đã xác nhận ${bank.tasks.length} việc thực hành`);
    // What the resident can now do goes into the team's household ledger, once.
    await member.page.getByRole("checkbox", { name: "Đã kích hoạt tài khoản định danh điện tử VNeID mức 2" }).check();
    await member.page.getByRole("button", { name: "Lưu vào sổ theo dõi" }).click();
    await expect.poll(() => member.page.locator(".done-box").innerText(), SLOW).toContain("Đã ghi vào sổ theo dõi");
    await fullShot(member.page, "hands-on-ledger");

    // The resident's screen sees the confirmations, and the certificate is theirs with the name they give.
    const nameBox = page.getByLabel("Họ và tên của bạn");
    await expect.poll(() => nameBox.count(), { timeout: 20_000 }).toBe(1);
    await fullShot(page, "completion-done");
    await nameBox.fill("Trần Thị Bình");
    await page.getByRole("button", { name: "Nhận chứng nhận" }).click();
    await expect.poll(() => page.locator(".app-header__title").innerText(), SLOW).toBe("Chứng nhận của tôi");
    await expect.poll(() => page.getByRole("region", { name: `Chứng nhận ${SKILL_TITLE}` }).count(), SLOW).toBe(1);
    await fullShot(page, "certificates-mine");
    await expectAccessible(page, "my certificates");

    const token = await sessionOf(baseUrl, RESIDENT.id);
    const mine = (await api("GET", "/api/v1/me/certificates", token)) as { certificates: { code: string; skill: string }[] };
    const cert = mine.certificates.find((c) => c.skill === SKILL)!;
    const dir = mkdtempSync(join(tmpdir(), "e2e-certificate-"));
    const pdf = await fetch(`${baseUrl}/api/v1/me/certificates/${cert.code}.pdf`, { headers: { authorization: `Bearer ${token}` } });
    writeFileSync(join(dir, "c.pdf"), Buffer.from(await pdf.arrayBuffer()));
    execFileSync("pdftoppm", ["-r", "150", "-png", "-singlefile", join(dir, "c.pdf"), join(dir, "page")]);
    const link = execFileSync("zbarimg", ["--quiet", "--raw", join(dir, "page.png")], { encoding: "utf8" }).trim();
    expect(new URL(link).pathname).toBe(`/verify/${cert.code}`);
    const verify = await phone();
    await verify.page.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    await expect.poll(() => verify.page.locator("body").innerText()).toContain("Còn hiệu lực");
    await shot(verify.page, "verify-valid", { miniapp: false });

    // Two more visits to the resident's household: the team's report still counts one resident, once.
    const memberToken = await sessionOf(baseUrl, MEMBER.id);
    for (const kinds of [["vneid"], ["payment", "scam-awareness"]])
      await api("POST", "/api/v1/me/visits", memberToken, {
        id: randomUUID(),
        household: "Nhà bà Bình, tổ 5",
        visitedOn: new Date().toISOString().slice(0, 10),
        kinds,
      });
    const teamId = ((await api("GET", "/api/v1/me/team", memberToken)) as { team: { id: number } }).team.id;
    const officialToken = await sessionOf(baseUrl, OFFICIAL.id);
    const report = async () => ((await api("GET", `/api/v1/admin/reports?team=${teamId}`, officialToken)) as unknown as Report).totals;
    expect(await report()).toMatchObject({ residentsCredited: 1, residentsInLedger: 1, newDigitalUsers: 1, outcomes: { "vneid-level2": 1, certificate: 1 } });

    // A grandmother without a smartphone, recorded by the member with her consent: one more resident, not a new digital user.
    await member.page.goto(`${miniappUrl}team/ledger`);
    await member.page.getByRole("button", { name: "Ghi người không có điện thoại" }).click();
    await member.page.getByLabel("Họ tên").fill("Trần Thị Tư");
    await member.page.getByLabel("Hộ gia đình").fill("Nhà bà Bình, tổ 5");
    await member.page.getByRole("checkbox", { name: "Người này đã nghe và đồng ý" }).check();
    await member.page.getByRole("checkbox", { name: "Đã học xong bài phòng chống lừa đảo trên mạng" }).check();
    await fullShot(member.page, "ledger-add-person");
    await expectAccessible(member.page, "household ledger");
    await member.page.getByRole("button", { name: "Lưu vào sổ theo dõi" }).click();
    await expect.poll(() => member.page.getByRole("listitem", { name: "Trần Thị Tư" }).count(), SLOW).toBe(1);
    await fullShot(member.page, "ledger-list");
    expect(await report()).toMatchObject({ residentsInLedger: 2, newDigitalUsers: 1, outcomes: { "vneid-level2": 1, certificate: 1, "scam-lesson": 1 } });

    // An official of the commune revokes it, with a reason; the same page then says revoked.
    const official = await phone();
    await openAs(official.page, OFFICIAL, "admin/certificates");
    await official.page.getByLabel("Tìm theo mã hoặc họ tên").fill(cert.code);
    const item = official.page.getByRole("region", { name: `Chứng nhận ${cert.code}` });
    await expect.poll(() => item.count(), SLOW).toBe(1);
    await item.getByRole("button", { name: "Thu hồi…" }).click();
    await item.getByLabel("Lý do thu hồi (hiện trên trang kiểm tra)").fill("Cấp nhầm khi thử hệ thống");
    await fullShot(official.page, "admin-certificate-revoke");
    await expectAccessible(official.page, "admin certificates");
    await item.getByRole("button", { name: `Thu hồi chứng nhận ${cert.code}` }).click();
    await expect.poll(() => item.locator(".is-revoked").innerText(), SLOW).toContain("Cấp nhầm khi thử hệ thống");
    await verify.page.reload();
    await expect.poll(() => verify.page.locator("body").innerText()).toContain("Đã bị thu hồi");
    await shot(verify.page, "verify-revoked", { miniapp: false });
    expect([...resident.problems, ...member.problems, ...official.problems, ...verify.problems]).toEqual([]);
    for (const c of [resident, member, official, verify]) await c.context.close();
  });
});
