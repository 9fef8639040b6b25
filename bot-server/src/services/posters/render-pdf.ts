import { pdfDocument } from "./pdf-document.js";
import { textWidth } from "./poster-fonts.js";
import type { Layout, Op } from "./poster-layout.js";
import { svgToPng } from "./render-png.js";

/** Dark modules as horizontal runs, in modules, quiet zone included. */
function qrRuns(modules: boolean[][]): { r: number; c: number; len: number }[] {
  const runs: { r: number; c: number; len: number }[] = [];
  modules.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let len = 1;
      while (row[c + len]) len++;
      runs.push({ r: r + 4, c: c + 4, len });
      c += len - 1;
    }
  });
  return runs;
}

function draw(doc: PDFKit.PDFDocument, op: Op, pictures: Map<Op, Buffer>): void {
  switch (op.t) {
    case "rect":
      if (op.r) doc.roundedRect(op.x, op.y, op.w, op.h, op.r);
      else doc.rect(op.x, op.y, op.w, op.h);
      if (op.stroke) doc.lineWidth(op.strokeWidth ?? 1).fillAndStroke(op.fill, op.stroke);
      else doc.fill(op.fill);
      return;
    case "circle":
      doc.circle(op.cx, op.cy, op.r).fill(op.fill);
      return;
    case "text": {
      const x = op.anchor === "middle" ? op.x - textWidth(op.text, op.size, op.weight) / 2 : op.x;
      doc
        .font(op.weight === 700 ? "bold" : "regular")
        .fontSize(op.size)
        .fillColor(op.fill);
      doc.text(op.text, x, op.y, { lineBreak: false, baseline: "alphabetic" });
      return;
    }
    case "image":
      doc.image(pictures.get(op)!, op.x, op.y, { width: op.w, height: op.h });
      return;
    case "qr": {
      doc.rect(op.x, op.y, op.size, op.size).fill("#FFFFFF");
      const m = op.size / (op.modules.length + 8);
      for (const run of qrRuns(op.modules)) doc.rect(op.x + run.c * m, op.y + run.r * m, run.len * m, m);
      doc.fill("#000000");
      return;
    }
  }
}

/** One A4 page, fonts embedded (subsets of Be Vietnam Pro), text selectable and searchable. */
export async function renderPdf(layout: Layout, meta: { title: string; subject: string }): Promise<Buffer> {
  // Illustrations drawn by resvg at 250 dpi for their printed size: one renderer for both formats.
  const pictures = new Map<Op, Buffer>();
  for (const op of layout.ops) if (op.t === "image") pictures.set(op, await svgToPng(op.svg, Math.round((op.w / 72) * 250)));
  const { doc, bytes } = pdfDocument(meta, { size: [layout.width, layout.height], margin: 0 });
  for (const op of layout.ops) draw(doc, op, pictures);
  doc.end();
  return bytes;
}
