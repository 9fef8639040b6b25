import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { badRequest } from "../../lib/errors.js";
import { VOICE, type Synthesized } from "./synthesize.js";

const run = promisify(execFile);

export const RECORDING = { maxBytes: 8 * 1024 * 1024, minSeconds: 1, maxSeconds: 180 };
/** A loudspeaker bulletin: up to ten minutes. */
export const BULLETIN_RECORDING = { maxBytes: 20 * 1024 * 1024, minSeconds: 1, maxSeconds: 600 };

/** Containers a phone or a browser records in (ffprobe's format names); anything else is refused before decoding. */
const FORMATS = new Set(["ogg", "matroska,webm", "mp3", "wav", "mov,mp4,m4a,3gp,3g2,mj2", "aac", "flac"]);

const notAudio = () => badRequest("invalid_audio", "Tệp này không phải bản ghi âm. Hãy ghi âm lại, hoặc chọn một tệp âm thanh (mp3, m4a, ogg, webm, wav).");

async function probe(file: string): Promise<{ format: string; audio: boolean; seconds: number | null }> {
  try {
    const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type:format=format_name,duration", "-of", "json", file], {
      timeout: 15_000,
    });
    const out = JSON.parse(stdout) as { streams?: { codec_type?: string }[]; format?: { format_name?: string; duration?: string } };
    const seconds = Number(out.format?.duration);
    return {
      format: out.format?.format_name ?? "",
      audio: !!out.streams?.some((s) => s.codec_type === "audio"),
      seconds: Number.isFinite(seconds) ? seconds : null,
    };
  } catch {
    throw notAudio();
  }
}

/**
 * A person's recording of a step, made ready like the machine voice's clips: checked to be sound in a container
 * phones record in, 1 second to 3 minutes (decoding stops at the limit, whatever the file claims), made mono,
 * loudness normalised and encoded as Opus and MP3. Refused with a reason in Vietnamese otherwise; nothing is kept.
 */
export async function prepareRecording(input: Buffer, limits: typeof RECORDING = RECORDING): Promise<Synthesized & { key: string }> {
  if (input.length > limits.maxBytes) throw badRequest("audio_too_large", `Bản ghi âm quá lớn (tối đa ${limits.maxBytes / 1024 / 1024} MB).`);
  const dir = await mkdtemp(join(tmpdir(), "ksc-rec-"));
  try {
    const src = join(dir, "in");
    await writeFile(src, input);
    const p = await probe(src);
    if (!FORMATS.has(p.format) || !p.audio) throw notAudio();
    if (p.seconds !== null && p.seconds > limits.maxSeconds + 1)
      throw badRequest("audio_too_long", `Bản ghi âm dài quá ${Math.round(limits.maxSeconds / 60)} phút. Hãy ghi lại ngắn hơn.`);
    const encode = (codec: readonly string[], out: string) =>
      run(
        "ffmpeg",
        [
          "-hide_banner",
          "-loglevel",
          "error",
          "-y",
          "-i",
          src,
          "-vn",
          "-t",
          String(limits.maxSeconds + 1),
          "-ac",
          "1",
          "-af",
          VOICE.loudnorm,
          ...codec,
          join(dir, out),
        ],
        { timeout: 60_000 },
      );
    try {
      await Promise.all([encode(VOICE.opus, "out.ogg"), encode(VOICE.mp3, "out.mp3")]);
    } catch {
      throw notAudio();
    }
    const seconds = (await probe(join(dir, "out.ogg"))).seconds ?? 0;
    if (seconds < limits.minSeconds) throw badRequest("audio_too_short", "Bản ghi âm ngắn quá hoặc không có tiếng. Hãy ghi lại.");
    if (seconds > limits.maxSeconds) throw badRequest("audio_too_long", `Bản ghi âm dài quá ${Math.round(limits.maxSeconds / 60)} phút. Hãy ghi lại ngắn hơn.`);
    const [ogg, mp3] = await Promise.all([readFile(join(dir, "out.ogg")), readFile(join(dir, "out.mp3"))]);
    return { ogg, mp3, seconds: Math.round(seconds * 10) / 10, key: createHash("sha256").update(ogg).digest("hex").slice(0, 20) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
