import type { LessonAudio } from "../../../../shared/schemas/audio.js";
import { notFound } from "../../lib/errors.js";
import type { AudioDeps } from "./audio-file.js";
import { voiceAvailable } from "./voice-available.js";

/**
 * The audio of each step of a lesson: its file names, whether a machine voice reads it, its length and size when
 * made already. A step can be heard when its clip is stored or this machine can make it on demand.
 */
export async function lessonAudio(deps: AudioDeps, lessonId: string): Promise<LessonAudio> {
  const keys = deps.index.lessonKeys(lessonId);
  if (!keys) throw notFound("lesson_not_found", "Không có bài học này.");
  const known = await deps.repos.audio.known(keys);
  const canMake = await (deps.voiceAvailable ?? voiceAvailable)();
  return {
    lessonId,
    steps: keys.map((key, step) => {
      const k = known.get(key);
      return {
        step,
        available: !!k || canMake,
        ogg: `/api/v1/audio/${key}.ogg`,
        mp3: `/api/v1/audio/${key}.mp3`,
        machine: k ? k.machine : true,
        seconds: k?.seconds ?? null,
        bytes: k?.bytes ?? null,
      };
    }),
  };
}
