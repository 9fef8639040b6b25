import type { Grade } from "../../../shared/lib/grading";
import type { AttemptEvent, ProgressResponse } from "../../../shared/schemas/api";
import type { LocalLessonProgress, State } from "./store";

/** What learning changes: the progress shown on this phone, and the events queued for the server. */
type Learning = Pick<State, "progress" | "queue">;

const blank: LocalLessonProgress = { read: false, attempts: 0, bestScorePct: null, passed: false };

/** The learner read the last step of a lesson: remembered at once, queued for the server the first time only. */
export function afterLessonRead(s: Learning, lessonId: string, event: { id: string; at: string }): Partial<Learning> {
  const p = s.progress[lessonId] ?? blank;
  if (p.read) return {};
  return {
    progress: { ...s.progress, [lessonId]: { ...p, read: true } },
    queue: [...s.queue, { kind: "completion", id: event.id, lessonId, at: event.at }],
  };
}

/** A finished quiz, graded on the phone: the best score and a pass are kept; the server grades it again. */
export function afterAttempt(
  s: Learning,
  lessonId: string,
  answers: AttemptEvent["answers"],
  grade: Grade,
  /** `version`: of a local lesson, the version answered (the server grades against it). */
  event: { id: string; at: string; version?: number },
): Partial<Learning> {
  const p = s.progress[lessonId] ?? blank;
  return {
    progress: {
      ...s.progress,
      [lessonId]: {
        read: true,
        attempts: p.attempts + 1,
        bestScorePct: Math.max(p.bestScorePct ?? 0, grade.scorePct),
        passed: p.passed || grade.passed,
      },
    },
    queue: [...s.queue, { kind: "attempt", id: event.id, lessonId, answers, ...(event.version ? { version: event.version } : {}), at: event.at }],
  };
}

/** Merges the server's view (other phones, earlier installs) into what this phone knows, keeping the best of each. */
export function mergeProgress(local: Record<string, LocalLessonProgress>, server: ProgressResponse): Record<string, LocalLessonProgress> {
  const out = { ...local };
  for (const l of server.lessons) {
    const mine = out[l.lessonId];
    out[l.lessonId] = {
      read: l.read || !!mine?.read,
      attempts: Math.max(l.attempts, mine?.attempts ?? 0),
      bestScorePct: Math.max(l.bestScorePct ?? -1, mine?.bestScorePct ?? -1) < 0 ? null : Math.max(l.bestScorePct ?? 0, mine?.bestScorePct ?? 0),
      passed: l.passed || !!mine?.passed,
    };
  }
  return out;
}
