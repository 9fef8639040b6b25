import { isLocalLessonId } from "../../../../shared/constants/local-lesson.js";
import type { LessonAudio } from "../../../../shared/schemas/audio.js";
import { notFound } from "../../lib/errors.js";
import { publishedLesson } from "../local-lessons/local-lesson.js";
import { machineClip, type AudioDeps } from "./audio-file.js";
import { voiceAvailable } from "./voice-available.js";

/** `vars`: the course's, which local lessons use too. */
export type LessonAudioDeps = AudioDeps & { vars: Record<string, string> };

/**
 * The keys of a local lesson's published steps. Their texts are in the database, not in the course the server
 * started with, so the machine voice makes the missing clips here, before answering (at most eight steps, two at a
 * time): stored, every process then serves them.
 */
async function localLessonKeys(deps: LessonAudioDeps, lessonId: string): Promise<string[] | undefined> {
  if (!isLocalLessonId(lessonId)) return undefined;
  const lesson = await publishedLesson({ repos: deps.repos, catalog: { vars: deps.vars } }, lessonId);
  if (!lesson) return undefined;
  const spoken = lesson.steps.map((s) => deps.index.speak(s));
  const known = await deps.repos.audio.known(spoken.map((s) => s.key));
  if (await (deps.voiceAvailable ?? voiceAvailable)()) await Promise.all(spoken.filter((s) => !known.has(s.key)).map((s) => machineClip(deps, s.key, s.text)));
  return spoken.map((s) => s.key);
}

/**
 * The audio of each step of a lesson: a person's recording where one was made for the step's present text, else the
 * machine voice's; file names, length and size when made already. A step can be heard when its clip is stored or
 * this machine can make it on demand.
 */
export async function lessonAudio(deps: LessonAudioDeps, lessonId: string): Promise<LessonAudio> {
  const keys = deps.index.lessonKeys(lessonId) ?? (await localLessonKeys(deps, lessonId));
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
