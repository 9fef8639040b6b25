import { LOCAL_SKILL, isLocalLessonId } from "../../../shared/constants/local-lesson";
import type { AreaLesson, AreaLessons } from "../../../shared/schemas/local-lesson";
import { api, learnerCalls } from "../api/client";
import { apiUrl } from "../api/http";
import { ensureSession } from "../api/session";
import { getState, setState } from "../state/store";
import { cachedFetch } from "./cached-fetch";

export { LOCAL_SKILL, isLocalLessonId };

/** A local lesson of my commune as last loaded (they open offline), or undefined. */
export function findAreaLesson(lessonId: string, areaLessons: AreaLessons | null = getState().areaLessons): AreaLesson | undefined {
  return areaLessons?.lessons.find((l) => l.lesson.id === lessonId);
}

/** Keeps the photos of these lessons on the phone; a failure leaves the rest (they are fetched again when shown). */
async function keepPhotos(a: AreaLessons): Promise<void> {
  const urls = new Set(a.lessons.flatMap((l) => l.lesson.steps.flatMap((s) => (s.image ? [apiUrl(s.image).href] : []))));
  for (const url of urls) await cachedFetch(url, false);
}

/**
 * Loads the local lessons of my commune: from the server when online (kept on the phone with their photos), else
 * as last kept. A commune I have not chosen is asked of the server (the one I chose in the OA's chat), once.
 */
export async function refreshAreaLessons(): Promise<AreaLessons | null> {
  let { commune } = getState();
  if (!commune && getState().online) {
    const token = await ensureSession().catch(() => null);
    const mine = token ? await learnerCalls.myCommune(token).catch(() => null) : null;
    if (mine?.commune) {
      commune = mine.commune;
      setState({ commune });
    }
  }
  if (!commune) return null;
  try {
    const fresh = await api.areaLessons(commune.code);
    if (getState().commune?.code === commune.code) setState({ areaLessons: fresh });
    void keepPhotos(fresh);
    return fresh;
  } catch {
    const kept = getState().areaLessons;
    return kept?.commune.code === commune.code ? kept : null;
  }
}

/** I chose my commune here: its lessons replace those of the commune before. */
export async function chooseCommune(c: { code: string; name: string }): Promise<AreaLessons | null> {
  setState({ commune: c, areaLessons: null });
  return refreshAreaLessons();
}

/** Something an <img> shows for a step's picture: a shipped one as it is, a local photo from the phone's copy if kept. */
export async function stepImageUrl(src: string): Promise<string> {
  if (src.startsWith("data:")) return src;
  const url = apiUrl(src).href;
  const res = await cachedFetch(url, false);
  return res ? URL.createObjectURL(await res.blob()) : url;
}
