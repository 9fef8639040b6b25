import { createHash } from "node:crypto";
import type { PosterFormat } from "../../../../shared/schemas/posters.js";
import { isLocalLessonId } from "../../../../shared/constants/local-lesson.js";
import { notFound } from "../../lib/errors.js";
import { lessonPosterContent, localPosterContent, skillPosterContent, type PosterContentDeps } from "./poster-content.js";
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
async function contentOf(deps: PosterContentDeps, req: PosterRequest) {
  if (req.kind === "skill") return skillPosterContent(deps, req.id, req.ref);
  if (!isLocalLessonId(req.id)) return lessonPosterContent(deps, req.id, req.ref);
  const lesson = (await deps.localLesson?.(req.id)) ?? null;
  if (!lesson) throw notFound("lesson_not_found", "Không tìm thấy bài học này.");
  return localPosterContent(deps, lesson, req.ref);
}

export async function makePoster(deps: PosterContentDeps, req: PosterRequest): Promise<Poster> {
  const content = await contentOf(deps, req);
  // The content is the key: a local lesson's changes with its versions, the link between sandbox and Zalo mode.
  const key = JSON.stringify([req.format, content]);
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
