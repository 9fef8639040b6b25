import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The machine voice and the encodings: espeak-ng's Vietnamese voice (Debian's espeak-ng), made mono, loudness
 * normalised (EBU R128, -16 LUFS as for speech on phones) and encoded twice by ffmpeg (Debian's ffmpeg): Opus in Ogg,
 * small and clear for speech, and MP3 for the webviews that cannot play Opus. Changing any of it changes every
 * file's name (voiceKey), so nothing stale is served.
 */
export const VOICE = {
  espeak: ["-v", "vi", "-s", "135", "-p", "45"],
  loudnorm: "loudnorm=I=-16:TP=-1.5:LRA=11",
  opus: ["-c:a", "libopus", "-b:a", "16k", "-application", "voip", "-ar", "24000"],
  mp3: ["-c:a", "libmp3lame", "-b:a", "32k", "-ar", "22050"],
} as const;

/** The file name (without extension) of a text's audio: the same text in the same voice is made once. */
export function voiceKey(text: string): string {
  return createHash("sha256").update(JSON.stringify(VOICE)).update("\n").update(text).digest("hex").slice(0, 20);
}

export interface Synthesized {
  ogg: Buffer;
  mp3: Buffer;
  seconds: number;
}

/** Seconds of a PCM WAV, from its header (espeak-ng writes 16-bit mono). */
function wavSeconds(wav: Buffer): number {
  const rate = wav.readUInt32LE(24);
  const bytesPerSecond = wav.readUInt32LE(28);
  const data = wav.indexOf("data", 12, "latin1");
  const size = data >= 0 ? wav.length - (data + 8) : wav.length - 44;
  return rate > 0 && bytesPerSecond > 0 ? size / bytesPerSecond : 0;
}

/** Reads `text` aloud with the machine voice: the two encodings and the duration. */
export async function synthesize(text: string): Promise<Synthesized> {
  const dir = await mkdtemp(join(tmpdir(), "ksc-tts-"));
  try {
    const txt = join(dir, "in.txt");
    const wav = join(dir, "voice.wav");
    await writeFile(txt, text, "utf8");
    await run("espeak-ng", [...VOICE.espeak, "-f", txt, "-w", wav]);
    const ffmpeg = (codec: readonly string[], out: string) =>
      run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", wav, "-ac", "1", "-af", VOICE.loudnorm, ...codec, join(dir, out)]);
    await Promise.all([ffmpeg(VOICE.opus, "out.ogg"), ffmpeg(VOICE.mp3, "out.mp3")]);
    const [ogg, mp3, pcm] = await Promise.all([readFile(join(dir, "out.ogg")), readFile(join(dir, "out.mp3")), readFile(wav)]);
    return { ogg, mp3, seconds: Math.round(wavSeconds(pcm) * 10) / 10 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
