import { isLocalLessonId } from "../../../shared/constants/local-lesson.js";
import type { AttemptEvent, SyncRequest, SyncResponse } from "../../../shared/schemas/api.js";
import type { Lesson } from "../../../shared/schemas/content.js";
import { answerShapeError, gradeScore, isCorrect, PASS_RATIO, type Grade } from "../../../shared/lib/grading.js";
import type { Clock } from "../lib/clock.js";
import { badRequest, conflict, notFound } from "../lib/errors.js";
import type { Repositories, RepositorySet } from "../repositories/index.js";
import type { StoredEventRef } from "../repositories/progress.js";
import type { CourseCatalog } from "./course-catalog.js";
import { answerableVersion } from "./local-lessons/local-lesson.js";
import { storeLearningWithRollups } from "./reports/rollups.js";

/** How long after their first sign-in a learner's ref code still counts as how they first came. */
export const REF_WINDOW_MS = 24 * 3600_000;

export interface SyncDeps {
  repos: Repositories;
  catalog: CourseCatalog;
  clock: Clock;
}

/** How far ahead of the server's clock a phone's clock may be. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** Re-grades an attempt from the lesson its learner answered: the server, not the phone, decides the score. */
export function gradeAttempt(lesson: Lesson, ev: AttemptEvent): Grade {
  const seen = new Set<string>();
  let correct = 0;
  for (const a of ev.answers) {
    const q = lesson.quiz.find((x) => x.id === a.questionId);
    if (!q) throw notFound("question_not_found", `Bài "${lesson.id}" không có câu hỏi "${a.questionId}".`);
    if (seen.has(q.id)) throw badRequest("invalid_attempt", `Câu hỏi ${q.id} được trả lời hai lần.`);
    seen.add(q.id);
    const shape = answerShapeError(q, a.answer);
    if (shape) throw badRequest("invalid_answer", `Câu trả lời cho ${q.id} không hợp lệ: ${shape}.`);
    if (isCorrect(q, a.answer)) correct++;
  }
  if (seen.size !== lesson.quiz.length) {
    throw badRequest("incomplete_attempt", `Bài làm phải trả lời đủ ${lesson.quiz.length} câu hỏi của bài "${lesson.id}".`);
  }
  return gradeScore(correct, lesson.quiz.length, PASS_RATIO);
}

const noLesson = (id: string) => notFound("lesson_not_found", `Không có bài học "${id}".`);

/**
 * The lesson an attempt answered: of the shipped course, or the version of a local lesson it names (its published
 * one when it names none) — a version residents could see, never a draft.
 */
async function answeredLesson(deps: SyncDeps, ev: AttemptEvent): Promise<{ lesson: Lesson; version: number | null }> {
  const shipped = deps.catalog.lesson(ev.lessonId);
  if (shipped) return { lesson: shipped, version: null };
  if (!isLocalLessonId(ev.lessonId)) throw noLesson(ev.lessonId);
  const version = ev.version ?? (await deps.repos.localLessons.findById(ev.lessonId))?.published_version ?? null;
  const lesson = version === null ? null : await answerableVersion(deps, ev.lessonId, Number(version));
  if (!lesson) throw noLesson(ev.lessonId);
  return { lesson, version: Number(version) };
}

async function lessonExists(deps: SyncDeps, id: string): Promise<boolean> {
  if (deps.catalog.lesson(id)) return true;
  // A local lesson read by a resident: one they could see, some version of it approved (it may be withdrawn since).
  return isLocalLessonId(id) && (await deps.repos.localLessons.everApproved(id));
}

function checkOwnership(stored: StoredEventRef[], learnerId: string, lessonOf: Map<string, string>): void {
  for (const s of stored) {
    if (s.learner_id !== learnerId || s.lesson_id !== lessonOf.get(s.id)) {
      throw conflict("sync_id_conflict", `Mã sự kiện ${s.id} đã được dùng cho dữ liệu khác.`);
    }
  }
}

/**
 * Stores a batch of quiz attempts and lesson completions made on the phone, possibly offline. Client-made ids
 * make it idempotent: an event already stored is reported as a duplicate and never counted twice. The batch is
 * checked whole before anything is written, and written in one transaction.
 */
export async function syncProgress(deps: SyncDeps, learnerId: string, req: SyncRequest): Promise<SyncResponse> {
  const now = deps.clock.now();
  const ids = new Set<string>();
  for (const ev of req.events) {
    if (ids.has(ev.id)) throw badRequest("duplicate_event_id", `Mã sự kiện ${ev.id} lặp lại trong cùng một lần đồng bộ.`);
    ids.add(ev.id);
    if (Date.parse(ev.at) > now.getTime() + CLOCK_SKEW_MS) throw badRequest("event_in_future", "Thời điểm của sự kiện nằm ở tương lai.");
    if (ev.kind === "completion" && !(await lessonExists(deps, ev.lessonId))) throw noLesson(ev.lessonId);
  }
  const grades = new Map<string, Grade & { version: number | null }>();
  for (const ev of req.events) {
    if (ev.kind !== "attempt") continue;
    const { lesson, version } = await answeredLesson(deps, ev);
    grades.set(ev.id, { ...gradeAttempt(lesson, ev), version });
  }
  const lessonOf = new Map(req.events.map((ev) => [ev.id, ev.lessonId]));
  const receivedAt = now.toISOString();

  const attempts = req.events.flatMap((ev) =>
    ev.kind !== "attempt"
      ? []
      : [
          {
            id: ev.id,
            learner_id: learnerId,
            lesson_id: ev.lessonId,
            correct: grades.get(ev.id)!.correct,
            total: grades.get(ev.id)!.total,
            score_pct: grades.get(ev.id)!.scorePct,
            passed: grades.get(ev.id)!.passed ? 1 : 0,
            answers: JSON.stringify(ev.answers),
            lesson_version: grades.get(ev.id)!.version,
            answered_at: new Date(ev.at).toISOString(),
            received_at: receivedAt,
          },
        ],
  );
  const completions = req.events.flatMap((ev) =>
    ev.kind !== "completion"
      ? []
      : [{ id: ev.id, learner_id: learnerId, lesson_id: ev.lessonId, completed_at: new Date(ev.at).toISOString(), received_at: receivedAt }],
  );

  const results = (inserted: Set<string>): SyncResponse => ({
    results: req.events.map((ev) => {
      const status = inserted.has(ev.id) ? ("accepted" as const) : ("duplicate" as const);
      if (ev.kind === "completion") return { id: ev.id, status };
      const g = grades.get(ev.id)!;
      return { id: ev.id, status, scorePct: g.scorePct, passed: g.passed };
    }),
  });
  // The common sync — new events of a resident in no team, no ref code — is one statement and no transaction.
  const alone = req.ref ? null : await deps.repos.reportRollups.storeLearningIfAlone(learnerId, attempts, completions);
  if (alone) return results(new Set([...alone.attempts, ...alone.completions]));

  // Insert first and look only at what did not go in: in the common case a sync is one INSERT in a transaction.
  return deps.repos.transaction(async (repos: RepositorySet) => {
    // The code the app was first opened with: kept for someone who started within the last day, not for a
    // long-time learner who scans a poster later (a team is credited for reaching new people). Set before the
    // INSERT: an erasure holds the learner's row and then waits for syncs in flight (lockAttachments).
    if (req.ref) await repos.learners.setRefIfEmpty(learnerId, req.ref, receivedAt, new Date(Date.parse(receivedAt) - REF_WINDOW_MS).toISOString());
    // The report rollups move with the learning of a resident credited to a team or of a team member.
    const stored = await storeLearningWithRollups(repos, deps.catalog, learnerId, attempts, completions);
    const inserted = new Set([...stored.attempts, ...stored.completions]);
    const notInserted = (rows: { id: string }[]) => rows.map((r) => r.id).filter((id) => !inserted.has(id));
    // Whatever was not inserted is a replay by this learner — or an id taken by other data, which voids the batch.
    checkOwnership(await repos.progress.findAttempts(notInserted(attempts)), learnerId, lessonOf);
    // A completion that is not stored under its id conflicted with an earlier read of the same lesson: a duplicate.
    checkOwnership(await repos.progress.findCompletions(notInserted(completions)), learnerId, lessonOf);
    return results(inserted);
  });
}
