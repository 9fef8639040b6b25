import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";

/**
 * Posters for a lesson or a skill, as an A4 PDF and a 1080 × 1080 PNG. The QR codes are read back with a real
 * decoder (zbarimg), the PDF page after rasterising it (pdftoppm); its text and fonts with pdftotext and pdffonts.
 */
const SCREENSHOTS = join(import.meta.dirname, "..", "e2e", "screenshots");
const LESSON = "kiem-tra-va-bao-cao";
const LESSON_TITLE = "Kiểm tra, báo cáo lừa đảo và xử lý khi bị lừa";
const SKILL = "dich-vu-cong";
const SKILL_TITLE = "Dịch vụ công trực tuyến và VNeID";
const REF = "xa-An_binh-01";

let t: TestApp;
let dir: string;
let base: string;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
}

/** Every QR code zbarimg finds in a picture, one per line. */
function decodeQr(png: string): string[] {
  return run("zbarimg", ["--quiet", "--raw", png]).trim().split("\n").filter(Boolean);
}

/** The PDF's first page as a PNG at 150 dpi. */
function rasterize(pdf: string): string {
  const out = pdf.replace(/\.pdf$/, "-page");
  run("pdftoppm", ["-r", "150", "-png", "-singlefile", "-f", "1", "-l", "1", pdf, out]);
  return `${out}.png`;
}

function save(name: string, body: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

const oneLine = (s: string) => s.normalize("NFC").replace(/\s+/g, " ");

beforeAll(async () => {
  ensureDebianTools({ zbarimg: "zbar-tools", pdftoppm: "poppler-utils", pdftotext: "poppler-utils", pdffonts: "poppler-utils" });
  dir = mkdtempSync(join(tmpdir(), "posters-"));
  mkdirSync(SCREENSHOTS, { recursive: true });
  t = await createTestApp("sqlite");
  const { miniapp_id } = (await t.app.inject({ url: "/sandbox/config" })).json() as { miniapp_id: string };
  // The sandbox's mini app preview (Zalo mode would be https://zalo.me/s/<miniappId>/).
  base = `http://localhost:3000/zapps/${miniapp_id}/`;
}, 300_000);

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lesson poster", () => {
  it("PDF: an A4 page whose QR code opens the lesson with the ref code, the title with tone marks, fonts embedded", async () => {
    const res = await t.app.inject({ url: `/api/v1/posters/${LESSON}.pdf?ref=${REF}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(`inline; filename="ap-phich-${LESSON}-${REF}.pdf"`);
    expect(res.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const pdf = save("lesson.pdf", res.rawPayload);
    const info = run("pdfinfo", [pdf]);
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const page = rasterize(pdf);
    copyFileSync(page, join(SCREENSHOTS, "poster-lesson-a4.png"));
    expect(decodeQr(page)).toEqual([`${base}?lesson=${LESSON}&ref=${REF}`]);

    const text = oneLine(run("pdftotext", ["-enc", "UTF-8", pdf, "-"]));
    expect(text).toContain(LESSON_TITLE);
    expect(text).toContain("Các bước chính".toUpperCase());
    // Key steps come with their {{vars}} filled in, as the app shows them.
    expect(text).toContain("Tra cứu trang web đáng ngờ trên tinnhiemmang.vn");
    expect(text).toContain("Báo trang web lừa đảo trên chongluadao.vn");
    expect(text).not.toContain("{{");
    expect(text).toContain(`Mã giới thiệu: ${REF}`);

    const fonts = run("pdffonts", [pdf]).split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/BeVietnamPro-(Regular|Bold)/);
      expect(line.split(/\s+/).slice(-5, -2)).toEqual(["yes", "yes", "yes"]); // embedded, subset, with a Unicode map
    }
  });

  it("PNG: a 1080 × 1080 picture whose QR code opens the lesson with the ref code", async () => {
    const res = await t.app.inject({ url: `/api/v1/posters/${LESSON}.png?ref=${REF}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/png");
    expect(res.headers["content-disposition"]).toBe(`inline; filename="ap-phich-${LESSON}-${REF}.png"`);
    expect(res.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    expect(pngSize(res.rawPayload)).toEqual({ width: 1080, height: 1080 });
    const png = save("lesson.png", res.rawPayload);
    writeFileSync(join(SCREENSHOTS, "poster-lesson-square.png"), res.rawPayload);
    expect(decodeQr(png)).toEqual([`${base}?lesson=${LESSON}&ref=${REF}`]);
  });

  it("without ?ref the QR code opens the plain lesson link", async () => {
    const res = await t.app.inject({ url: "/api/v1/posters/kich-hoat-vneid.png" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('inline; filename="ap-phich-kich-hoat-vneid.png"');
    expect(decodeQr(save("plain.png", res.rawPayload))).toEqual([`${base}?lesson=kich-hoat-vneid`]);
  });

  it("is the same bytes every time (a fixed creation date): the ETag holds and If-None-Match gets 304", async () => {
    for (const ext of ["pdf", "png"]) {
      const url = `/api/v1/posters/kich-hoat-vneid.${ext}?ref=to-1`;
      const a = await t.app.inject({ url });
      // Another ref renders anew in between; the same poster comes back byte for byte.
      await t.app.inject({ url: `/api/v1/posters/kich-hoat-vneid.${ext}?ref=to-2` });
      const b = await t.app.inject({ url });
      expect(a.statusCode).toBe(200);
      expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
      expect(b.headers.etag).toBe(a.headers.etag);
      const other = await t.app.inject({ url: `/api/v1/posters/kich-hoat-vneid.${ext}?ref=to-2` });
      expect(other.headers.etag).not.toBe(a.headers.etag);
      const cached = await t.app.inject({ url, headers: { "if-none-match": a.headers.etag as string } });
      expect(cached.statusCode).toBe(304);
      expect(cached.rawPayload.length).toBe(0);
      expect(cached.headers.etag).toBe(a.headers.etag);
    }
  });
});

describe("skill poster", () => {
  it("PDF and PNG at /api/v1/posters/skill/<skillId>: the QR code opens the skill's page with the ref code", async () => {
    const link = `${base}?skill=${SKILL}&ref=${REF}`;
    const pdfRes = await t.app.inject({ url: `/api/v1/posters/skill/${SKILL}.pdf?ref=${REF}` });
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers["content-type"]).toBe("application/pdf");
    expect(pdfRes.headers["content-disposition"]).toBe(`inline; filename="ap-phich-ky-nang-${SKILL}-${REF}.pdf"`);
    const pdf = save("skill.pdf", pdfRes.rawPayload);
    const page = rasterize(pdf);
    copyFileSync(page, join(SCREENSHOTS, "poster-skill-a4.png"));
    expect(decodeQr(page)).toEqual([link]);
    const text = oneLine(run("pdftotext", ["-enc", "UTF-8", pdf, "-"]));
    expect(text).toContain(SKILL_TITLE);
    expect(text).toContain("Kích hoạt tài khoản VNeID trên điện thoại"); // its lessons, in order
    expect(text).toContain(`và ${loadCourseOrThrow().lessons.filter((l) => l.skill === SKILL).length - 5} bài nữa trong ứng dụng`);

    const pngRes = await t.app.inject({ url: `/api/v1/posters/skill/${SKILL}.png?ref=${REF}` });
    expect(pngRes.statusCode).toBe(200);
    expect(pngRes.headers["content-type"]).toBe("image/png");
    expect(pngSize(pngRes.rawPayload)).toEqual({ width: 1080, height: 1080 });
    writeFileSync(join(SCREENSHOTS, "poster-skill-square.png"), pngRes.rawPayload);
    expect(decodeQr(save("skill.png", pngRes.rawPayload))).toEqual([link]);
  });
});

describe("refusals", () => {
  it.each(["b%20ad", "x".repeat(33), "x%C3%A3", "", "a%26lesson%3Dother", "a&ref=b"])("a bad ref code (%s) → 400 in Vietnamese", async (ref) => {
    const res = await t.app.inject({ url: `/api/v1/posters/${LESSON}.png?ref=${ref}` });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; message: string };
    expect(body.error).toBe("invalid_request");
    expect(body.message).toContain("mã giới thiệu chỉ gồm 1 đến 32 chữ cái không dấu, chữ số");
  });

  it("an unknown lesson or skill → 404; a malformed id → 400; another format → 404", async () => {
    const lesson = await t.app.inject({ url: "/api/v1/posters/khong-co-bai-nay.pdf" });
    expect(lesson.statusCode).toBe(404);
    expect(lesson.json()).toMatchObject({ error: "lesson_not_found", message: "Không tìm thấy bài học này." });
    const skill = await t.app.inject({ url: "/api/v1/posters/skill/khong-co.png?ref=abc" });
    expect(skill.statusCode).toBe(404);
    expect(skill.json()).toMatchObject({ error: "skill_not_found", message: "Không tìm thấy kỹ năng này." });
    expect((await t.app.inject({ url: "/api/v1/posters/Bad_Id.pdf" })).statusCode).toBe(400);
    expect((await t.app.inject({ url: `/api/v1/posters/${LESSON}.jpg` })).statusCode).toBe(404);
  });

  it("is rate-limited: rendering costs CPU", async () => {
    const limited = await createTestApp("sqlite");
    try {
      const codes: number[] = [];
      for (let i = 0; i < 31; i++) codes.push((await limited.app.inject({ url: "/api/v1/posters/khong-co-bai-nay.png" })).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
      expect(codes[30]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
