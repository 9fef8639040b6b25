import type { Lesson, LessonSummary } from "../../../shared/schemas/content";
import { useAppState } from "../state/store";
import { findLessonSummary, loadSkill, summaryOf } from "./course";
import { findAreaLesson, isLocalLessonId } from "./local-lessons";
import { useLoad } from "./use-load";

/**
 * Lessons of the shipped course and the local lessons of my commune as last loaded, for the screens that open a
 * lesson. Apart from lib/course.ts, which the node-run tests import and which must not reach the phone's storage.
 */

/** A lesson of the course, or a local lesson of my commune as last loaded. */
export function findAnyLessonSummary(lessonId: string): LessonSummary | undefined {
  const local = isLocalLessonId(lessonId) ? findAreaLesson(lessonId) : undefined;
  return local ? summaryOf(local.lesson) : findLessonSummary(lessonId);
}

export type LessonState = { status: "loading" } | { status: "missing" } | { status: "error" } | { status: "ready"; lesson: Lesson };

const MISSING = "missing";

export function useLesson(lessonId: string | undefined): LessonState {
  const areaLessons = useAppState((s) => s.areaLessons);
  const local = lessonId && isLocalLessonId(lessonId) ? findAreaLesson(lessonId, areaLessons) : undefined;
  const summary = lessonId && !local ? findLessonSummary(lessonId) : undefined;
  const load = useLoad(summary ? async () => (await loadSkill(summary.skill)).find((l) => l.id === summary.id) ?? MISSING : null, [summary?.id]);
  if (local) return { status: "ready", lesson: local.lesson };
  if (!summary) return { status: "missing" };
  if (load.status === "error") return { status: "error" };
  if (load.status === "loading" || load.data === null) return { status: "loading" };
  return load.data === MISSING ? { status: "missing" } : { status: "ready", lesson: load.data };
}
