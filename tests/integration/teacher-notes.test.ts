import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { fixtureCourse } from "../helpers/fixture.js";

/** The PDF is read back with poppler's pdftotext and pdffonts (Debian's poppler-utils), not with the code that wrote it. */
const course = fixtureCourse();
let t: TestApp;
let dir: string;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });

beforeAll(async () => {
  ensureDebianTools({ pdftotext: "poppler-utils", pdffonts: "poppler-utils" });
  dir = mkdtempSync(join(tmpdir(), "notes-"));
  t = await createTestApp("sqlite", { course });
}, 300_000);
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a lesson's notes for the tổ, to print", () => {
  it("an A4 PDF in the posters' typeface with what to show, the key steps, mistakes, the hands-on task and the sources", async () => {
    const res = await t.app.inject({ url: "/api/v1/posters/bat-may/teacher-notes.pdf" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('inline; filename="ghi-chu-cho-to-bat-may.pdf"');
    const pdf = join(dir, "notes.pdf");
    writeFileSync(pdf, res.rawPayload);
    const text = run("pdftotext", ["-enc", "UTF-8", pdf, "-"]).replace(/\s+/g, " ");
    const lesson = course.lessons.find((l) => l.id === "bat-may")!;
    for (const s of [
      lesson.title,
      "Cho xem trên điện thoại của người dân",
      "Nút nguồn ở cạnh máy của chính người dân",
      "Lỗi thường gặp",
      "Giữ nút nguồn quá lâu nên máy tắt",
      "Người dân tự bật máy, mở khóa và tắt máy trước mặt tổ viên.",
      "Hướng dẫn sử dụng của nhà sản xuất điện thoại",
      `1. ${lesson.keySteps[0]}`,
    ]) {
      expect(text).toContain(s);
    }
    const fonts = run("pdffonts", [pdf]).split("\n").slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/BeVietnamPro-(Regular|Bold)/);
    // The same notes are the same bytes: a reprint is identical, and a client that has them gets 304.
    const again = await t.app.inject({ url: "/api/v1/posters/bat-may/teacher-notes.pdf", headers: { "if-none-match": String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("a lesson without notes, or no such lesson → 404 in the app's error format", async () => {
    const none = await t.app.inject({ url: "/api/v1/posters/ket-noi-wifi/teacher-notes.pdf" });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: "notes_not_found" });
    expect((await t.app.inject({ url: "/api/v1/posters/khong-co-bai/teacher-notes.pdf" })).statusCode).toBe(404);
  });
});
