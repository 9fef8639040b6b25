import { wrap, type Weight } from "../posters/poster-fonts.js";
import { qrModules, type Layout, type Op } from "../posters/poster-layout.js";

/** What a certificate shows: the name in full (it is the holder's own), what was completed, where, and its QR code. */
export interface CertificateContent {
  name: string;
  skillTitle: string;
  /** dd/mm/yyyy. */
  issuedOn: string;
  commune: string;
  team: string | null;
  code: string;
  /** What the QR code opens: /verify/<code> with the signed text, checkable offline. */
  link: string;
}

const BLUE = "#0D47A1";
const INK = "#1B1B1B";
const GREY = "#424242";

/** A4 portrait (points) or a 1080 × 1080 square (pixels) for Zalo: the same certificate, scaled to the page. */
export function certificateLayout(c: CertificateContent, format: "a4" | "square"): Layout {
  const W = format === "a4" ? 595.28 : 1080;
  const H = format === "a4" ? 841.89 : 1080;
  const u = W / 595.28;
  const ops: Op[] = [];
  const M = 36 * u;
  const width = W - 2 * M - 24 * u;
  let y = M + 30 * u;
  const line = (text: string, size: number, weight: Weight, fill: string, gap = 1.3) => {
    for (const l of wrap(text, size * u, weight, width)) {
      ops.push({ t: "text", x: W / 2, y: y + size * u * 0.82, text: l, size: size * u, weight, fill, anchor: "middle" });
      y += size * u * gap;
    }
  };
  ops.push({ t: "rect", x: M, y: M, w: W - 2 * M, h: H - 2 * M, fill: "#FFFFFF", r: 14 * u, stroke: BLUE, strokeWidth: 4 * u });
  const tall = format === "a4";
  line("PHỔ CẬP KỸ NĂNG SỐ CỘNG ĐỒNG", 12, 700, BLUE);
  y += (tall ? 24 : 8) * u;
  line("CHỨNG NHẬN", tall ? 34 : 26, 700, BLUE);
  line("hoàn thành kỹ năng số", 15, 400, GREY);
  y += (tall ? 28 : 10) * u;
  line(c.name, tall ? 30 : 24, 700, INK, 1.2);
  y += 8 * u;
  line("đã học và làm được", 13, 400, GREY);
  line(c.skillTitle, tall ? 20 : 17, 700, INK, 1.25);
  y += (tall ? 22 : 8) * u;
  line(`${c.commune}${c.team ? ` · ${c.team}` : ""}`, 12, 400, INK);
  line(`Ngày cấp: ${c.issuedOn} · Mã: ${c.code}`, 12, 400, INK);
  const qr = (tall ? 190 : 170) * u;
  const qrTop = Math.max(y + 14 * u, H - M - qr - (tall ? 90 : 66) * u);
  ops.push({ t: "qr", x: (W - qr) / 2, y: qrTop, size: qr, modules: qrModules(c.link) });
  y = qrTop + qr + 6 * u;
  line("Quét mã để kiểm tra chứng nhận", 12, 700, BLUE);
  line("Chứng nhận của khóa học cộng đồng, không phải văn bằng, chứng chỉ của Nhà nước.", 9.5, 400, GREY);
  return { width: W, height: H, ops };
}
