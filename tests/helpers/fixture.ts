import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { loadCourse, type Course } from "../../shared/content-loader.js";
import type { AttemptEvent, CompletionEvent } from "../../shared/schemas/api.js";

/** The small fixture course of tests/fixtures/content: two skills, three lessons, every question kind, two competence areas. */
export const FIXTURE_ROOT = fileURLToPath(new URL("../fixtures/content", import.meta.url));

export function fixtureCourse(): Course {
  const { course, issues } = loadCourse(FIXTURE_ROOT);
  if (issues.length) throw new Error(`fixture course has issues: ${JSON.stringify(issues)}`);
  return course;
}

export type FixtureLessonId = "bat-may" | "ket-noi-wifi" | "nhan-biet-lua-dao";

/**
 * The right answers, written out by hand from the YAML so that tests do not grade with the code under test: the
 * positions of the options in the file, turned into the options' ids by `answers`.
 */
export const KEY: Record<FixtureLessonId, Record<string, number[]>> = {
  "bat-may": { q1: [1], q2: [1], q3: [0, 2] },
  "ket-noi-wifi": { q1: [0, 1, 2, 3], q2: [2], q3: [0], q4: [0, 1], q5: [0] },
  "nhan-biet-lua-dao": { q1: [0, 2], q2: [1], q3: [1], q4: [1] },
};

/** A well-formed but wrong answer to each question. */
export const WRONG: Record<FixtureLessonId, Record<string, number[]>> = {
  "bat-may": { q1: [0], q2: [0], q3: [0] },
  "ket-noi-wifi": { q1: [1, 0, 2, 3], q2: [0], q3: [1], q4: [0], q5: [2] },
  "nhan-biet-lua-dao": { q1: [0], q2: [0], q3: [0], q4: [0] },
};

/** The ids of the options at these positions in the file. */
export function optionIds(lessonId: string, questionId: string, positions: number[]): string[] {
  const q = fixtureCourse()
    .lessons.find((l) => l.id === lessonId)
    ?.quiz.find((x) => x.id === questionId);
  if (!q) throw new Error(`no question ${lessonId}/${questionId} in the fixture course`);
  return positions.map((i) => q.options[i]!.id);
}

/** Every question of a fixture lesson answered, right except for the question ids listed in `wrong`. */
export function answers(lessonId: FixtureLessonId, wrong: string[] = []): AttemptEvent["answers"] {
  return Object.keys(KEY[lessonId]).map((questionId) => ({
    questionId,
    answer: optionIds(lessonId, questionId, wrong.includes(questionId) ? WRONG[lessonId][questionId]! : KEY[lessonId][questionId]!),
  }));
}

export const FIXED_NOW = new Date("2025-03-01T08:00:00.000Z");

export function attempt(lessonId: FixtureLessonId, opts: { id?: string; wrong?: string[]; at?: string; answers?: AttemptEvent["answers"] } = {}): AttemptEvent {
  return {
    kind: "attempt",
    id: opts.id ?? randomUUID(),
    lessonId,
    answers: opts.answers ?? answers(lessonId, opts.wrong),
    at: opts.at ?? "2025-03-01T07:30:00.000Z",
  };
}

export function completion(lessonId: string, opts: { id?: string; at?: string } = {}): CompletionEvent {
  return { kind: "completion", id: opts.id ?? randomUUID(), lessonId, at: opts.at ?? "2025-03-01T07:20:00.000Z" };
}

/** A clock the test moves by hand. */
export function manualClock(start: Date = FIXED_NOW) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date | string) => {
      t = new Date(d).getTime();
    },
    advanceMinutes: (m: number) => {
      t += m * 60_000;
    },
  };
}
