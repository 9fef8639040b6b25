import type { FastifyInstance } from "fastify";
import { badRequest } from "../lib/errors.js";

/**
 * Takes sound as phones and browsers record it (audio/*, WebM, MP4 and 3GPP voice memos, or plain bytes) as a
 * Buffer, up to `maxBytes`, in the routes of this plugin; what it really is, ffprobe decides (services/audio/recording.ts).
 */
export function acceptRecordings(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(
    /^(audio\/|video\/(webm|mp4|3gpp|3gpp2|quicktime)|application\/octet-stream)/,
    { parseAs: "buffer", bodyLimit: maxBytes },
    (_req, body, done) => done(null, body),
  );
}

/** The recording a request carries; a JSON body or none is refused. */
export function recordingOf(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest("invalid_audio", "Chưa có bản ghi âm: hãy gửi tệp âm thanh (audio/…).");
  return body;
}
