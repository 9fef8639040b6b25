import { renderAsync } from "@resvg/resvg-js";
import { POSTER_FONT_FAMILY, posterFonts } from "./poster-fonts.js";
import type { Layout, Op } from "./poster-layout.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const n = (v: number) => Number(v.toFixed(2));

/** The course's illustration, inlined as a nested <svg> so that its text gets the poster's font. */
function inlineSvg(svg: string, x: number, y: number, w: number, h: number): string {
  const inner = svg
    .replace(/^[\s\S]*?<svg\b[^>]*>/, "")
    .replace(/<\/svg>\s*$/, "")
    .replace(/<title>[\s\S]*?<\/title>/, "");
  return `<svg x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" viewBox="0 0 320 240" font-family="sans-serif">${inner}</svg>`;
}

function qrPath(op: Extract<Op, { t: "qr" }>): string {
  const count = op.modules.length + 8;
  const m = op.size / count;
  let d = "";
  op.modules.forEach((row, r) => row.forEach((dark, c) => dark && (d += `M${c + 4} ${r + 4}h1v1h-1z`)));
  return (
    `<rect x="${n(op.x)}" y="${n(op.y)}" width="${n(op.size)}" height="${n(op.size)}" fill="#FFFFFF"/>` +
    `<path transform="translate(${n(op.x)} ${n(op.y)}) scale(${m})" d="${d}" fill="#000000" shape-rendering="crispEdges"/>`
  );
}

export function toSvg(layout: Layout): string {
  const body = layout.ops
    .map((op) => {
      switch (op.t) {
        case "rect":
          return `<rect x="${n(op.x)}" y="${n(op.y)}" width="${n(op.w)}" height="${n(op.h)}"${op.r ? ` rx="${op.r}"` : ""} fill="${op.fill}"${op.stroke ? ` stroke="${op.stroke}" stroke-width="${op.strokeWidth ?? 1}"` : ""}/>`;
        case "circle":
          return `<circle cx="${n(op.cx)}" cy="${n(op.cy)}" r="${n(op.r)}" fill="${op.fill}"/>`;
        case "text":
          return `<text x="${n(op.x)}" y="${n(op.y)}" font-size="${n(op.size)}" font-weight="${op.weight}" fill="${op.fill}"${op.anchor ? ` text-anchor="${op.anchor}"` : ""}>${esc(op.text)}</text>`;
        case "image":
          return inlineSvg(op.svg, op.x, op.y, op.w, op.h);
        case "qr":
          return qrPath(op);
      }
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${n(layout.width)}" height="${n(layout.height)}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" font-family="${POSTER_FONT_FAMILY}"><rect width="100%" height="100%" fill="#FFFFFF"/>${body}</svg>`;
}

/**
 * Renders an SVG with Be Vietnam Pro only (no system fonts: the same picture on every machine), on libuv's thread
 * pool rather than the event loop.
 */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const fonts = posterFonts();
  const image = await renderAsync(svg, {
    fitTo: { mode: "width", value: Math.round(width) },
    font: { fontFiles: [fonts[400].path, fonts[700].path], loadSystemFonts: false, defaultFontFamily: POSTER_FONT_FAMILY, sansSerifFamily: POSTER_FONT_FAMILY },
  });
  return image.asPng();
}

export function renderPng(layout: Layout): Promise<Buffer> {
  return svgToPng(toSvg(layout), layout.width);
}
