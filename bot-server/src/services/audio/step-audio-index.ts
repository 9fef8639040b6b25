import type { Course } from "../../../../shared/content-loader.js";
import { stepSpeech } from "../../../../shared/lib/speech-text.js";
import { voiceKey } from "./synthesize.js";

export interface StepAudioIndex {
  /** The audio keys of a lesson's steps, in order; undefined for a lesson not in the course. */
  lessonKeys(lessonId: string): string[] | undefined;
  /** The text read aloud for a key, when it is a step of the course. */
  textOf(key: string): string | undefined;
  /** Every step of the course: lesson, step number (0-based), key and text. */
  all(): { lessonId: string; step: number; key: string; text: string }[];
  /** What a step not of the shipped course (a local lesson's) is read aloud as, and its key. */
  speak(step: { title: string; text: string; note?: string | undefined }): { key: string; text: string };
}

/** What each step of the course is read aloud as, and the key its audio is stored under; built once. */
export function stepAudioIndex(course: Pick<Course, "lessons" | "pronunciation">): StepAudioIndex {
  const all = course.lessons.flatMap((l) =>
    l.steps.map((s, step) => {
      const text = stepSpeech(s, course.pronunciation);
      return { lessonId: l.id, step, key: voiceKey(text), text };
    }),
  );
  const byLesson = new Map<string, string[]>();
  for (const a of all) byLesson.set(a.lessonId, [...(byLesson.get(a.lessonId) ?? []), a.key]);
  const texts = new Map(all.map((a) => [a.key, a.text]));
  const speak = (s: { title: string; text: string; note?: string | undefined }) => {
    const text = stepSpeech(s, course.pronunciation);
    return { key: voiceKey(text), text };
  };
  return { lessonKeys: (id) => byLesson.get(id), textOf: (key) => texts.get(key), all: () => all, speak };
}
