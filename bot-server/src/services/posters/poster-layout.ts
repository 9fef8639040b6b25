import QRCode from "qrcode";
import { plain, wrap, type Weight } from "./poster-fonts.js";
import type { PosterContent } from "./poster-content.js";

/** A poster as positioned shapes, in points (A4) or pixels (square); the PDF and PNG renderers draw these. */
export type Op =
  | { t: "rect"; x: number; y: number; w: number; h: number; fill: string; r?: number; stroke?: string; strokeWidth?: number }
  | { t: "circle"; cx: number; cy: number; r: number; fill: string }
  | { t: "text"; x: number; y: number; text: string; size: number; weight: Weight; fill: string; anchor?: "middle" }
  | { t: "image"; x: number; y: number; w: number; h: number; svg: string }
  /** A QR code with its white quiet zone (4 modules) inside size × size. */
  | { t: "qr"; x: number; y: number; size: number; modules: boolean[][] };

export interface Layout {
  width: number;
  height: number;
  ops: Op[];
}

const INK = "#1B1B1B";
const GREY = "#424242";
const WHITE = "#FFFFFF";
/** Where the first baseline sits below the top of a line box, as a share of the font size. */
const ASCENT = 0.82;

export function qrModules(link: string): boolean[][] {
  // Level M: a poster that gets creased or smudged still scans; the link stays short enough for big modules.
  const { modules } = QRCode.create(link, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => !!modules.get(r, c)));
}

/** Lines of text from `top`; returns the y below them. */
function textBlock(ops: Op[], lines: string[], x: number, top: number, size: number, lh: number, weight: Weight, fill: string, anchor?: "middle"): number {
  lines.forEach((text, i) => ops.push({ t: "text", x, y: top + size * ASCENT + i * lh, text, size, weight, fill, ...(anchor ? { anchor } : {}) }));
  return top + lines.length * lh;
}

interface StepsBox {
  x: number;
  width: number;
  size: number;
  /** Below the heading, between steps. */
  gap: number;
}

function stepsHeight(c: PosterContent, b: StepsBox): number {
  const lh = b.size * 1.28;
  const lines = c.steps.reduce((n, s) => n + wrap(s, b.size, 400, b.width - b.size * 2.4).length, 0);
  return b.size * 1.6 + lines * lh + c.steps.length * b.gap + (c.more ? lh + b.gap : 0);
}

/** The heading, then numbered steps: a filled circle with the number, the text beside it. */
function steps(ops: Op[], c: PosterContent, b: StepsBox, top: number): number {
  const lh = b.size * 1.28;
  let y = textBlock(ops, [c.heading.toUpperCase()], b.x, top, b.size * 0.9, b.size * 1.6, 700, c.color);
  const indent = b.size * 2.4;
  c.steps.forEach((s, i) => {
    y += b.gap;
    const r = b.size * 0.78;
    ops.push({ t: "circle", cx: b.x + r, cy: y + b.size * ASCENT - b.size * 0.36, r, fill: c.color });
    ops.push({ t: "text", x: b.x + r, y: y + b.size * ASCENT, text: String(i + 1), size: b.size, weight: 700, fill: WHITE, anchor: "middle" });
    y = textBlock(ops, wrap(s, b.size, 400, b.width - indent), b.x + indent, y, b.size, lh, 400, INK);
  });
  if (c.more) y = textBlock(ops, [plain(c.more)], b.x + indent, y + b.gap, b.size, lh, 400, GREY);
  return y;
}

/** A4 portrait, in points: colour band with the skill, big title, illustration, key steps, QR box at the bottom. */
export function layoutA4(c: PosterContent): Layout {
  const W = 595.28,
    H = 841.89,
    M = 40;
  const ops: Op[] = [];
  const kicker = wrap(c.kicker, 18, 700, W - 2 * M);
  const band = 24 + 13 * 1.5 + kicker.length * 24 + 14;
  ops.push({ t: "rect", x: 0, y: 0, w: W, h: band, fill: c.color });
  textBlock(ops, ["Phổ cập kỹ năng số cộng đồng"], M, 22, 13, 13 * 1.5, 400, WHITE);
  textBlock(ops, kicker, M, 22 + 13 * 1.5, 18, 24, 700, WHITE);
  const titleBottom = textBlock(ops, wrap(c.title, 32, 700, W - 2 * M), M, band + 20, 32, 32 * 1.18, 700, INK);

  const box = { h: 180, bottom: H - 28 };
  const boxTop = box.bottom - box.h;
  // Biggest step type that leaves room for a picture of at least 150 pt; failing that, smallest type, no picture.
  let size = 16,
    imageH = 0;
  for (const s of [21, 20, 19, 18, 17, 16]) {
    const room = boxTop - 16 - stepsHeight(c, { x: M, width: W - 2 * M, size: s, gap: 10 }) - (titleBottom + 18) - 18;
    if (c.image && room >= 140) {
      size = s;
      imageH = Math.min(room, 255);
      break;
    }
    if (!c.image && room >= 0) {
      size = s;
      break;
    }
  }
  let y = titleBottom + 18;
  if (c.image && imageH) {
    const w = (imageH * 4) / 3;
    ops.push({ t: "image", x: (W - w) / 2, y, w, h: imageH, svg: c.image });
    y += imageH + 18;
  }
  steps(ops, c, { x: M, width: W - 2 * M, size, gap: 10 }, y);

  ops.push({ t: "rect", x: M - 10, y: boxTop, w: W - 2 * M + 20, h: box.h, fill: "#F7F7F7", r: 12, stroke: c.color, strokeWidth: 2.5 });
  const qr = 158;
  ops.push({ t: "qr", x: M + 4, y: boxTop + (box.h - qr) / 2, size: qr, modules: qrModules(c.link) });
  const tx = M + 4 + qr + 14,
    tw = W - M - tx;
  let ty = textBlock(ops, wrap(c.cta, 21, 700, tw), tx, boxTop + 18, 21, 26, 700, c.color) + 6;
  ty = textBlock(ops, wrap("Mở Zalo, bấm nút quét mã, đưa camera vào mã.", 14, 400, tw), tx, ty, 14, 19, 400, INK) + 6;
  ty = textBlock(ops, wrap(c.footnote, 13, 400, tw), tx, ty, 13, 17, 400, GREY);
  if (c.ref) textBlock(ops, [`Mã giới thiệu: ${c.ref}`], tx, ty + 6, 13, 17, 700, GREY);
  textBlock(ops, [c.link], W / 2, box.bottom + 8, 8, 10, 400, GREY, "middle");
  return { width: W, height: H, ops };
}

/** 1080 × 1080 px for a Zalo group: colour band with the title, steps on the left, picture and QR code on the right. */
export function layoutSquare(c: PosterContent): Layout {
  const S = 1080,
    M = 48;
  const ops: Op[] = [];
  const kicker = wrap(c.kicker, 30, 400, S - 2 * M);
  const title = wrap(c.title, 58, 700, S - 2 * M);
  const band = 36 + kicker.length * 40 + 10 + title.length * 68 + 30;
  ops.push({ t: "rect", x: 0, y: 0, w: S, h: band, fill: c.color });
  textBlock(ops, title, M, textBlock(ops, kicker, M, 36, 30, 40, 400, WHITE) + 10, 58, 68, 700, WHITE);

  const top = band + 36,
    bottom = S - 84;
  const col = { x: 650, w: S - M - 650 };
  const qr = 320;
  const caption = 44;
  const imageH = Math.max(0, Math.min((col.w * 3) / 4, bottom - top - qr - caption - 20));
  if (c.image && imageH >= 120) ops.push({ t: "image", x: col.x + (col.w - (imageH * 4) / 3) / 2, y: top, w: (imageH * 4) / 3, h: imageH, svg: c.image });
  const qrTop = bottom - qr - caption;
  ops.push({ t: "qr", x: col.x + (col.w - qr) / 2, y: qrTop, size: qr, modules: qrModules(c.link) });
  textBlock(ops, [c.cta.replace("Quét mã QR", "Quét mã")], col.x + col.w / 2, qrTop + qr + 4, 30, 40, 700, c.color, "middle");

  const box = { x: M, width: col.x - M - 36, gap: 16 };
  let size = 26;
  for (const s of [40, 38, 36, 34, 32, 30, 28, 26]) {
    if (top + stepsHeight(c, { ...box, size: s }) <= bottom) {
      size = s;
      break;
    }
  }
  steps(ops, c, { ...box, size }, top);
  ops.push({ t: "rect", x: 0, y: S - 64, w: S, h: 64, fill: "#F2F2F2" });
  const foot = plain(`${c.footnote}${c.ref ? ` Mã giới thiệu: ${c.ref}` : ""}`);
  const footSize = [26, 24, 22, 20, 18].find((s) => wrap(foot, s, 400, S - 2 * M).length === 1) ?? 18;
  textBlock(ops, [foot], S / 2, S - 32 - footSize * ASCENT + footSize * 0.3, footSize, footSize, 400, GREY, "middle");
  return { width: S, height: S, ops };
}
