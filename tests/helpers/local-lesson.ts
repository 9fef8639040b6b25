import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { parse } from "yaml";
import { CONTENT_ROOT } from "../../shared/content-loader.js";
import type { LocalLessonContent } from "../../shared/schemas/local-lesson.js";

/**
 * A local lesson as an official would write it: the shipped sample of the local skill (its source, without id,
 * skill and order), its picture replaced by an uploaded photo, retitled.
 */
export function sampleLocalLesson(imageId: string, title = "Zalo của phường Ba Đình"): LocalLessonContent {
  const src = parse(readFileSync(join(CONTENT_ROOT, "lessons", "dia-phuong", "01-trang-thong-tin-xa.yaml"), "utf8")) as Record<string, unknown> & {
    steps: { image?: string }[];
  };
  const { id: _id, skill: _skill, order: _order, ...rest } = src;
  return {
    ...(rest as unknown as LocalLessonContent),
    title,
    steps: src.steps.map((s) => (s.image ? { ...s, image: imageId } : s)) as LocalLessonContent["steps"],
  };
}

/** A phone's photo: a JPEG with a GPS position and a camera in its EXIF. */
export function phonePhoto(width = 1600, height = 1200, color = "#2e7d32"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: "TestPhone", Model: "Cam 1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 1/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 50/1 0/1" },
    })
    .toBuffer();
}
