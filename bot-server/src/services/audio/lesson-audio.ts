import type { LessonAudio } from "../../../../shared/schemas/audio.js";
import { notFound } from "../../lib/errors.js";
import type { AudioDeps } from "./audio-file.js";
import { voiceAvailable } from "./voice-available.js";

/**
 * The audio of each step of a lesson: a person's recording where one was made for the step's present text, else the
 * machine voice's; file names, length and size when made already. A step can be heard when its clip is stored or
 * this machine can make it on demand.
 */
export async function lessonAudio(deps: AudioDeps, lessonId: string): Promise<LessonAudio> {
  const keys = deps.index.lessonKeys(lessonId);
  if (!keys) throw notFound("lesson_not_found", "Không có bài học này.");
  // A person's recording stands for the step while the text it was made for is still the step's text.
  const recorded = new Map(
    (await deps.repos.audio.recordingsOf(lessonId)).filter((r) => keys[r.step] === r.text_key).map((r) => [Number(r.step), r.audio_key]),
  );
  const known = await deps.repos.audio.known([...keys, ...recorded.values()]);
  const canMake = await (deps.voiceAvailable ?? voiceAvailable)();
  return {
    lessonId,
    steps: keys.map((machineKey, step) => {
      const key = recorded.get(step) ?? machineKey;
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
