import { notFound } from "../../lib/errors.js";
import type { AudioFormat } from "../../repositories/audio.js";
import type { Repositories } from "../../repositories/index.js";
import type { Clock } from "../../lib/clock.js";
import type { StepAudioIndex } from "./step-audio-index.js";
import { synthesize } from "./synthesize.js";
import { voiceAvailable } from "./voice-available.js";

export interface AudioDeps {
  repos: Repositories;
  index: StepAudioIndex;
  clock: Clock;
  /** Makes the machine voice's audio for a text (synthesize, unless a test gives another). */
  synthesize?: typeof synthesize;
  voiceAvailable?: () => Promise<boolean>;
}

/** Clips being made now, so that ten phones asking for one step at once make it once. */
const making = new Map<string, Promise<void>>();
/** At most this many clips are made at once in a process (each runs espeak-ng and two ffmpeg): the rest wait their turn. */
const AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const noAudio = () => notFound("audio_not_found", "Chưa có âm thanh cho bước này.");

/**
 * Makes and stores the machine voice's clip of a text under its key, once: a clip being made is waited for, not made
 * again, and at most AT_ONCE are made at a time. Steps of the course and bulletins both come here.
 */
export async function machineClip(deps: Pick<AudioDeps, "repos" | "clock" | "synthesize">, key: string, text: string): Promise<void> {
  let job = making.get(key);
  if (!job) {
    job = (async () => {
      const clip = await inTurn(() => (deps.synthesize ?? synthesize)(text));
      await deps.repos.audio.put({ key, ogg: clip.ogg, mp3: clip.mp3, seconds: clip.seconds, machine: 1, created_at: deps.clock.now().toISOString() });
    })().finally(() => making.delete(key));
    making.set(key, job);
  }
  await job;
}

/** Makes and stores the machine voice's clip of a course step that has none yet. */
export async function makeClip(deps: AudioDeps, key: string): Promise<void> {
  const text = deps.index.textOf(key);
  if (text === undefined || !(await (deps.voiceAvailable ?? voiceAvailable)())) throw noAudio();
  await machineClip(deps, key, text);
}

/**
 * One encoding of a step's audio: stored already, or made now by the machine voice when it is a step of the course
 * and this machine has espeak-ng and ffmpeg (then kept: each text is made once). Otherwise a 404.
 */
export async function audioFile(deps: AudioDeps, key: string, format: AudioFormat): Promise<Buffer> {
  const stored = await deps.repos.audio.file(key, format);
  if (stored) return stored.data;
  await makeClip(deps, key);
  const made = await deps.repos.audio.file(key, format);
  if (!made) throw noAudio();
  return made.data;
}
