import type { S3Client } from "@aws-sdk/client-s3";
import { AppError } from "../../lib/errors.js";

/** Where local lessons' photos go when not in the database: an S3-compatible bucket (AWS, MinIO, Viettel, FPT, Ceph …). */
export interface S3Settings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Put before every object's name, to share a bucket. */
  prefix: string;
  /** bucket.host/key (AWS) or host/bucket/key (most S3-compatible servers). */
  forcePathStyle: boolean;
}

export interface ImageStore {
  put(id: string, data: Buffer, mime: string): Promise<void>;
  get(id: string): Promise<Buffer | undefined>;
}

const unavailable = () => new AppError(503, "image_store_unavailable", "Kho ảnh đang không truy cập được. Vui lòng thử lại sau ít phút.");

/**
 * Photos as objects of a bucket, named by their id (the hash of the file): written once, never changed. The AWS SDK
 * is loaded on first use, so that a deployment keeping photos in the database never loads it.
 */
export function s3ImageStore(s: S3Settings): ImageStore {
  let sdk: Promise<{ client: S3Client; m: typeof import("@aws-sdk/client-s3") }> | null = null;
  const load = () =>
    (sdk ??= import("@aws-sdk/client-s3").then((m) => ({
      m,
      client: new m.S3Client({
        region: s.region,
        ...(s.endpoint ? { endpoint: s.endpoint } : {}),
        forcePathStyle: s.forcePathStyle,
        credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
        // S3-compatible servers often lack the newer checksum headers: sent and checked only where S3 requires them.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 2,
      }),
    })));
  const key = (id: string) => `${s.prefix}local-images/${id}.webp`;
  return {
    async put(id, data, mime) {
      const { client, m } = await load();
      try {
        await client.send(
          new m.PutObjectCommand({ Bucket: s.bucket, Key: key(id), Body: data, ContentType: mime, CacheControl: "public, max-age=31536000, immutable" }),
        );
      } catch {
        throw unavailable();
      }
    },
    async get(id) {
      const { client, m } = await load();
      try {
        const r = await client.send(new m.GetObjectCommand({ Bucket: s.bucket, Key: key(id) }));
        return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : undefined;
      } catch (e) {
        if (e instanceof m.NoSuchKey) return undefined;
        throw unavailable();
      }
    },
  };
}
