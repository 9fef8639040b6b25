import type { LessonAudio, StepAudio } from "../../../shared/schemas/audio";
import { apiUrl } from "../api/http";
import { cachedFetch } from "./cached-fetch";

/** Opus where the webview plays it (smaller), else MP3. */
export function audioPath(a: StepAudio): string {
  const probe = typeof document !== "undefined" ? document.createElement("audio") : null;
  return probe?.canPlayType('audio/ogg; codecs="opus"') ? a.ogg : a.mp3;
}

/** A lesson's step audio: fresh from the server when online (a recording may have been added), else as cached. */
export async function loadLessonAudio(lessonId: string): Promise<LessonAudio | null> {
  const res = await cachedFetch(apiUrl(`/api/v1/lessons/${encodeURIComponent(lessonId)}/audio`).href, navigator.onLine);
  return res ? ((await res.json()) as LessonAudio) : null;
}

/** Something the audio element can play for a step: the cached file as a blob: URL, else the server's URL. */
export async function playableUrl(a: StepAudio): Promise<string> {
  const url = apiUrl(audioPath(a)).href;
  const res = await cachedFetch(url, false);
  if (!res) return url;
  return URL.createObjectURL(await res.blob());
}

/** Downloads the audio of these lessons for listening offline; calls `progress(done, total)` in steps; returns how many steps failed (a lesson whose list could not be read counts as one). */
export async function downloadAudio(lessonIds: string[], progress: (done: number, total: number) => void): Promise<number> {
  const lists = (await Promise.all(lessonIds.map((id) => loadLessonAudio(id)))).filter((l): l is LessonAudio => !!l);
  const files = lists.flatMap((l) => l.steps.filter((s) => s.available).map((s) => apiUrl(audioPath(s)).href));
  let done = 0;
  let failed = lessonIds.length - lists.length;
  progress(0, files.length);
  // Two at a time: a weak connection is not flooded, and a clip made on demand does not hold up the rest.
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const url = files[next++]!;
      if (!(await cachedFetch(url, false))) failed++;
      progress(++done, files.length);
    }
  };
  await Promise.all([worker(), worker()]);
  return failed;
}
