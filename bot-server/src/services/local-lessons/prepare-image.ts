import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { AppError, badRequest } from "../../lib/errors.js";

export const IMAGE_LIMITS = {
  /** What a phone's camera sends: a 12 MP JPEG is 3–6 MB. */
  maxBytes: 12 * 1024 * 1024,
  /** Read from the file's header before decoding: a small file claiming huge dimensions (a "zip bomb") is refused unread. */
  maxPixels: 40_000_000,
  /** The longer side after resizing: sharp enough on a phone, small on a weak connection. */
  maxSide: 960,
  minSide: 64,
  /** What a stored photo may weigh; the quality is lowered until it fits. */
  maxOutputBytes: 200 * 1024,
};

/** Raster formats phones take photos in (sharp's names); SVG, GIF, TIFF and the rest are refused before decoding. */
const FORMATS = new Set(["jpeg", "png", "webp", "heif"]);

export interface PreparedImage {
  id: string;
  data: Buffer;
  mime: "image/webp";
  width: number;
  height: number;
}

const tooManyPixels = () => badRequest("image_too_large", "Ảnh có kích thước quá lớn. Hãy chọn ảnh khác hoặc thu nhỏ ảnh.");
const notImage = () => badRequest("invalid_image", "Tệp này không phải ảnh. Hãy chọn ảnh chụp (JPEG, PNG, WebP hoặc HEIC).");

/**
 * A photo for a local lesson: checked to be a raster image phones make, turned upright, resized, recompressed as
 * WebP and stripped of every metadata (GPS position, camera, owner); its id is the hash of what is stored.
 * Refused with a reason in Vietnamese otherwise.
 */
export async function prepareImage(input: Buffer): Promise<PreparedImage> {
  if (input.length > IMAGE_LIMITS.maxBytes) throw badRequest("image_too_large", `Ảnh quá lớn (tối đa ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB).`);
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: "error", limitInputPixels: IMAGE_LIMITS.maxPixels }).metadata();
  } catch (e) {
    // sharp reads the dimensions from the header and refuses before decoding anything.
    if (e instanceof Error && /pixel limit/.test(e.message)) throw tooManyPixels();
    throw notImage();
  }
  if (meta.format === "heif" && meta.compression !== "av1")
    throw badRequest("unsupported_image", "Máy chủ chưa đọc được ảnh HEIC này. Hãy chọn ảnh JPEG, hoặc đặt máy ảnh chụp ở dạng “Tương thích nhất”.");
  if (!meta.format || !FORMATS.has(meta.format)) throw notImage();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > IMAGE_LIMITS.maxPixels) throw tooManyPixels();
  if (Math.min(width, height) < IMAGE_LIMITS.minSide) throw badRequest("image_too_small", "Ảnh quá nhỏ, nhìn không rõ. Hãy chọn ảnh lớn hơn.");
  try {
    for (const quality of [72, 55, 40]) {
      // No withMetadata(): sharp writes none of the input's EXIF, XMP or ICC data (the GPS position goes too).
      const { data, info } = await sharp(input, { failOn: "error", limitInputPixels: IMAGE_LIMITS.maxPixels, pages: 1 })
        .rotate()
        .resize({ width: IMAGE_LIMITS.maxSide, height: IMAGE_LIMITS.maxSide, fit: "inside", withoutEnlargement: true })
        .webp({ quality, effort: 4 })
        .toBuffer({ resolveWithObject: true });
      if (data.length <= IMAGE_LIMITS.maxOutputBytes || quality === 40) {
        const id = `img-${createHash("sha256").update(data).digest("hex").slice(0, 16)}`;
        return { id, data, mime: "image/webp", width: info.width, height: info.height };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notImage();
  }
  throw notImage();
}
