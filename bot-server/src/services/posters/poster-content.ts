import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONTENT_ROOT } from "../../../../shared/content-loader.js";
import type { Lesson, Skill } from "../../../../shared/schemas/content.js";
import { notFound } from "../../lib/errors.js";
import type { CourseCatalog } from "../course-catalog.js";

/** Everything a poster shows, whatever it is printed on. Text comes from the loaded course: {{vars}} are filled. */
export interface PosterContent {
  kind: "lesson" | "skill";
  id: string;
  /** The skill's name, above the title. */
  kicker: string;
  title: string;
  heading: string;
  /** 3–5 short lines, numbered on the poster. */
  steps: string[];
  /** After the steps, e.g. "… và 2 bài nữa trong ứng dụng". */
  more: string | null;
  /** The illustration (an SVG of the course, viewBox 0 0 320 240), or null. */
  image: string | null;
  color: string;
  /** What the QR code opens. */
  link: string;
  ref: string | null;
  /** Beside the QR code: what scanning it does. */
  cta: string;
  /** Under it: how long, and that it is free. */
  footnote: string;
  /** The download name, without extension: ASCII only. */
  fileBase: string;
}

export interface PosterContentDeps {
  catalog: CourseCatalog;
  /** The published version of an official's local lesson, or null. */
  localLesson?(lessonId: string): Promise<Lesson | null>;
  links: { lesson(lessonId: string): string; skill(skillId: string): string };
  /** Where the illustrations are; the course's own folder unless a test says otherwise. */
  imagesDir?: string;
}

/** Lessons show at most this many key steps, skills this many lessons. */
const MAX_LINES = 5;

const images = new Map<string, string | null>();
function readImage(dir: string, rel: string | undefined): string | null {
  if (!rel) return null;
  const path = join(dir, rel);
  if (!images.has(path)) {
    try {
      images.set(path, readFileSync(path, "utf8"));
    } catch {
      images.set(path, null); // a missing picture leaves a poster without one, never a failed request
    }
  }
  return images.get(path)!;
}

/** The lesson link of the mini app with the ref code added (the mini app remembers it and sends it with its first sync). */
export function withRef(link: string, ref: string | null): string {
  return ref ? `${link}${link.includes("?") ? "&" : "?"}ref=${encodeURIComponent(ref)}` : link;
}

function skillOf(deps: PosterContentDeps, lesson: Lesson): Skill | undefined {
  return deps.catalog.skills.find((s) => s.id === lesson.skill);
}

function firstImage(deps: PosterContentDeps, lessons: Lesson[]): string | null {
  const dir = deps.imagesDir ?? join(CONTENT_ROOT, "images");
  for (const l of lessons) for (const s of l.steps) if (s.image) return readImage(dir, s.image);
  return null;
}

const fileBase = (kind: string, id: string, ref: string | null) => `ap-phich-${kind === "skill" ? "ky-nang-" : ""}${id}${ref ? `-${ref}` : ""}`;

/** A lesson's poster: its title, its key steps (written for posters, 3–5 of ≤ 14 words), its first illustration. */
export function lessonPosterContent(deps: PosterContentDeps, lessonId: string, ref: string | null): PosterContent {
  const lesson = deps.catalog.lesson(lessonId);
  if (!lesson) throw notFound("lesson_not_found", "Không tìm thấy bài học này.");
  return posterOf(deps, lesson, ref, firstImage(deps, [lesson]));
}

/** An official's local lesson: the same poster, without a drawing (its pictures are photos, for the app). */
export function localPosterContent(deps: PosterContentDeps, lesson: Lesson, ref: string | null): PosterContent {
  return posterOf(deps, lesson, ref, null);
}

function posterOf(deps: PosterContentDeps, lesson: Lesson, ref: string | null, image: string | null): PosterContent {
  const skill = skillOf(deps, lesson);
  return {
    kind: "lesson",
    id: lesson.id,
    kicker: skill?.title ?? "Phổ cập kỹ năng số cộng đồng",
    title: lesson.title,
    heading: "Các bước chính",
    steps: lesson.keySteps.slice(0, MAX_LINES),
    more: null,
    image,
    color: skill?.color ?? "#1565C0",
    link: withRef(deps.links.lesson(lesson.id), ref),
    ref,
    cta: "Quét mã QR để học bài này",
    footnote: `Khoảng ${lesson.minutes} phút, có câu hỏi ôn tập. Miễn phí.`,
    fileBase: fileBase("lesson", lesson.id, ref),
  };
}

/**
 * A skill's poster: its title, its lessons in order (the first five, then how many more), the first illustration.
 * The QR code opens the skill's page in the mini app (?skill=), its lessons in order.
 */
export function skillPosterContent(deps: PosterContentDeps, skillId: string, ref: string | null): PosterContent {
  const skill = deps.catalog.skills.find((s) => s.id === skillId);
  const lessons = skill ? deps.catalog.lessonsOf(skill.id) : [];
  if (!skill || !lessons.length) throw notFound("skill_not_found", "Không tìm thấy kỹ năng này.");
  const rest = lessons.length - MAX_LINES;
  return {
    kind: "skill",
    id: skill.id,
    kicker: `Kỹ năng số: ${lessons.length} bài học ngắn`,
    title: skill.title,
    heading: "Các bài học",
    steps: lessons.slice(0, MAX_LINES).map((l) => l.title),
    more: rest > 0 ? `… và ${rest} bài nữa trong ứng dụng` : null,
    image: firstImage(deps, lessons),
    color: skill.color,
    link: withRef(deps.links.skill(skill.id), ref),
    ref,
    cta: "Quét mã QR để bắt đầu học",
    footnote: `Mỗi bài khoảng ${Math.min(...lessons.map((l) => l.minutes))}–${Math.max(...lessons.map((l) => l.minutes))} phút, có câu hỏi ôn tập. Miễn phí.`,
    fileBase: fileBase("skill", skill.id, ref),
  };
}
