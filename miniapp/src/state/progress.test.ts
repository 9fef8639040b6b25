import { describe, expect, it } from "vitest";
import type { SyncEvent } from "../../../shared/schemas/api";
import { afterAttempt, afterLessonRead, mergeProgress } from "./progress";
import type { LocalLessonProgress } from "./store";

const AT = "2026-06-02T09:30:00.000Z";
const ID = "6f1c2d3e-4b5a-4c6d-8e7f-000000000001";
const p = (read: boolean, attempts: number, bestScorePct: number | null, passed: boolean): LocalLessonProgress => ({ read, attempts, bestScorePct, passed });

describe("merging the server's progress into the phone's", () => {
  it("keeps the best of each: read or passed anywhere, the most attempts, the best score", () => {
    const local = { "mat-khau-manh": p(true, 1, 60, false), "quet-ma-qr": p(false, 2, 100, true), "chi-tren-may": p(true, 0, null, false) };
    const server = {
      lessons: [
        { lessonId: "mat-khau-manh", read: false, attempts: 3, bestScorePct: 40, passed: false },
        { lessonId: "quet-ma-qr", read: true, attempts: 1, bestScorePct: 80, passed: false },
        { lessonId: "tren-may-khac", read: true, attempts: 2, bestScorePct: 100, passed: true },
        { lessonId: "chua-lam", read: true, attempts: 0, bestScorePct: null, passed: false },
      ],
      skills: [],
    };
    expect(mergeProgress(local, server)).toEqual({
      "mat-khau-manh": p(true, 3, 60, false),
      "quet-ma-qr": p(true, 2, 100, true),
      "chi-tren-may": p(true, 0, null, false),
      "tren-may-khac": p(true, 2, 100, true),
      "chua-lam": p(true, 0, null, false),
    });
  });

  it("a score of 0 is a score, not nothing", () => {
    const server = { lessons: [{ lessonId: "a", read: true, attempts: 1, bestScorePct: 0, passed: false }], skills: [] };
    expect(mergeProgress({}, server).a).toEqual(p(true, 1, 0, false));
    expect(mergeProgress({ a: p(true, 1, null, false) }, server).a?.bestScorePct).toBe(0);
  });

  it("leaves the phone's record untouched", () => {
    const local = { a: p(false, 0, null, false) };
    mergeProgress(local, { lessons: [{ lessonId: "a", read: true, attempts: 1, bestScorePct: 50, passed: false }], skills: [] });
    expect(local).toEqual({ a: p(false, 0, null, false) });
  });
});

describe("what learning on the phone records and queues", () => {
  it("reading a lesson's last step marks it read and queues one completion, the first time only", () => {
    const once = afterLessonRead({ progress: {}, queue: [] }, "mat-khau-manh", { id: ID, at: AT });
    expect(once).toEqual({
      progress: { "mat-khau-manh": p(true, 0, null, false) },
      queue: [{ kind: "completion", id: ID, lessonId: "mat-khau-manh", at: AT }],
    });
    expect(afterLessonRead({ progress: once.progress!, queue: once.queue! }, "mat-khau-manh", { id: "other", at: AT })).toEqual({});
  });

  it("a quiz counts an attempt, keeps the best score and a pass once passed, and queues the answers", () => {
    const answers = [{ questionId: "q1", answer: ["opt3"] }];
    const queued: SyncEvent = { kind: "completion", id: "earlier", lessonId: "x", at: AT };
    const s = { progress: { a: p(true, 1, 100, true) }, queue: [queued] };
    expect(afterAttempt(s, "a", answers, { correct: 1, total: 3, scorePct: 33, passed: false }, { id: ID, at: AT })).toEqual({
      progress: { a: p(true, 2, 100, true) },
      queue: [queued, { kind: "attempt", id: ID, lessonId: "a", answers, at: AT }],
    });
    expect(afterAttempt({ progress: {}, queue: [] }, "b", answers, { correct: 3, total: 4, scorePct: 75, passed: false }, { id: ID, at: AT }).progress).toEqual(
      { b: p(true, 1, 75, false) },
    );
  });
});
