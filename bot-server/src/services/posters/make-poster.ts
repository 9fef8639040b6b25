import { createHash } from "node:crypto";
import type { PosterFormat } from "../../../../shared/schemas/posters.js";
import { lessonPosterContent, skillPosterContent, type PosterContentDeps } from "./poster-content.js";
import { layoutA4, layoutSquare } from "./poster-layout.js";
import { renderPdf } from "./render-pdf.js";
import { renderPng } from "./render-png.js";

export interface Poster {
  body: Buffer;
  contentType: string;
  /** ASCII, e.g. ap-phich-kich-hoat-vneid-xa-an-binh.pdf */
  filename: string;
  /** A strong ETag: the same lesson, ref and format give the same bytes. */
  etag: string;
}

export interface PosterRequest {
  kind: "lesson" | "skill";
  id: string;
  format: PosterFormat;
  ref: string | null;
}

/** Recently made posters: a team sharing one poster link in a group asks for the same bytes many times. */
const CACHE_SIZE = 48;
const cache = new Map<string, Poster>();
function remember(key: string, poster: Poster): Poster {
  cache.delete(key);
  cache.set(key, poster);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return poster;
}

/**
 * A printable A4 poster (PDF) or a square picture for Zalo groups (PNG, 1080 × 1080) for a lesson or a skill:
 * title, key steps, illustration, and a QR code that opens the lesson in the mini app with the ref code.
 * Unknown lesson or skill: 404. Deterministic output for the same input.
 */
export async function makePoster(deps: PosterContentDeps, req: PosterRequest): Promise<Poster> {
  const content = req.kind === "lesson" ? lessonPosterContent(deps, req.id, req.ref) : skillPosterContent(deps, req.id, req.ref);
  // The link is part of the key: it differs between sandbox and Zalo mode, and content lives as long as the process.
  const key = JSON.stringify([req.kind, req.id, req.format, req.ref, content.link]);
  const hit = cache.get(key);
  if (hit) return remember(key, hit);
  const body =
    req.format === "pdf"
      ? await renderPdf(layoutA4(content), { title: content.title, subject: content.steps.join(" · ") })
      : await renderPng(layoutSquare(content));
  return remember(key, {
    body,
    contentType: req.format === "pdf" ? "application/pdf" : "image/png",
    filename: `${content.fileBase}.${req.format}`,
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
  });
}
