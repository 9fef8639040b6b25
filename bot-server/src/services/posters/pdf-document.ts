import PDFDocument from "pdfkit";
import { plain, posterFonts } from "./poster-fonts.js";

/** Fixed dates make the same document the same bytes: caches and ETags work, and a reprint is identical. */
const FIXED_DATE = new Date("2025-01-01T00:00:00Z");

/**
 * A PDF in the posters' typeface (Be Vietnam Pro, embedded as subsets, registered as "regular" and "bold"), and
 * its bytes once `doc.end()` is called.
 */
export function pdfDocument(
  meta: { title: string; subject: string },
  page: { size: [number, number] | "A4"; margin: number },
): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: page.size,
    margin: page.margin,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: plain(meta.title),
      Subject: plain(meta.subject),
      Author: "Phổ cập kỹ năng số cộng đồng",
      Creator: "ky-nang-so-cong-dong",
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  const fonts = posterFonts();
  doc.registerFont("regular", fonts[400].data);
  doc.registerFont("bold", fonts[700].data);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, bytes };
}
