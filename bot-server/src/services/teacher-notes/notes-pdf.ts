import { createHash } from "node:crypto";
import { notFound } from "../../lib/errors.js";
import type { Lesson } from "../../../../shared/schemas/content.js";
import type { CourseCatalog } from "../course-catalog.js";
import { pdfDocument } from "../posters/pdf-document.js";
import { plain } from "../posters/poster-fonts.js";

const A4 = { w: 595.28, h: 841.89, margin: 50 };

export interface NotesPdf {
  body: Buffer;
  filename: string;
  etag: string;
}

/**
 * A lesson's notes for the tổ member, on A4 in the posters' typeface: what to show on the resident's phone, the
 * key steps, common mistakes, the hands-on task that proves it, and the sources. 404 for an unknown lesson or one
 * without notes.
 */
export async function teacherNotesPdf(catalog: CourseCatalog, lessonId: string, local: Lesson | null = null): Promise<NotesPdf> {
  // `local`: the published version of an official's local lesson of that id.
  const lesson = local ?? catalog.lesson(lessonId);
  const notes = lesson?.teacherNotes;
  if (!lesson || !notes) throw notFound("notes_not_found", `Bài "${lessonId}" chưa có ghi chú cho tổ.`);
  const skill = catalog.skills.find((s) => s.id === lesson.skill);
  const { doc, bytes } = pdfDocument({ title: `Ghi chú cho tổ: ${lesson.title}`, subject: lesson.summary }, { size: "A4", margin: A4.margin });
  const width = A4.w - 2 * A4.margin;
  const colour = skill?.color ?? "#1565C0";

  doc
    .font("bold")
    .fontSize(10)
    .fillColor(colour)
    .text(plain(`GHI CHÚ CHO TỔ CÔNG NGHỆ SỐ · ${skill?.title ?? lesson.skill}`.toUpperCase()), { width });
  doc.moveDown(0.3).font("bold").fontSize(20).fillColor("#111111").text(plain(lesson.title), { width });
  doc.moveDown(0.3).font("regular").fontSize(11).fillColor("#333333").text(plain(lesson.summary), { width });
  const section = (title: string, items: string[], numbered = false) => {
    doc.moveDown(0.9).font("bold").fontSize(13).fillColor(colour).text(title, { width });
    doc.moveDown(0.2).font("regular").fontSize(11).fillColor("#111111");
    items.forEach((item, i) => doc.text(`${numbered ? `${i + 1}.` : "•"} ${plain(item)}`, { width, indent: 0, paragraphGap: 3 }));
  };
  section("Cho xem trên điện thoại của người dân", notes.show);
  section("Các bước chính", lesson.keySteps, true);
  section("Lỗi thường gặp", notes.mistakes);
  section("Bài thực hành: người dân tự làm, tổ viên xem", [notes.handsOn]);
  section("Nguồn", notes.sources);
  doc.end();
  const body = await bytes;
  return { body, filename: `ghi-chu-cho-to-${lesson.id}.pdf`, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}
