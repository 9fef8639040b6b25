import { z } from "zod";

/** One step's audio: Opus (ogg) and an MP3 fallback, both at the server. */
export const stepAudioSchema = z.object({
  step: z.number(),
  /** False: no clip yet and this server cannot make one (no espeak-ng): the reader shows no Nghe button. */
  available: z.boolean(),
  ogg: z.string(),
  mp3: z.string(),
  /** Read by the machine voice (labelled so); false for a person's recording. */
  machine: z.boolean(),
  seconds: z.number().nullable(),
  bytes: z.number().nullable(),
});
export type StepAudio = z.infer<typeof stepAudioSchema>;

/** GET /api/v1/lessons/:lessonId/audio. */
export const lessonAudioSchema = z.object({ lessonId: z.string(), steps: z.array(stepAudioSchema) });
export type LessonAudio = z.infer<typeof lessonAudioSchema>;

/** POST/DELETE /api/v1/admin/lessons/:lessonId/steps/:step/recording: the step's recording now (null seconds: none). */
export const recordingSavedSchema = z.object({ lessonId: z.string(), step: z.number(), seconds: z.number().nullable() });
