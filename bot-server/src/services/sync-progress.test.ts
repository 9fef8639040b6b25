import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AttemptEvent, SyncRequest } from "../../../shared/schemas/api.js";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { expectAppError } from "../../../tests/helpers/errors.js";
import { answers, attempt, completion, FIXED_NOW, fixtureCourse, KEY, manualClock, optionIds, type FixtureLessonId } from "../../../tests/helpers/fixture.js";
import { clearTables, countRows, snapshot } from "../../../tests/helpers/rows.js";
import { repositories, type Repositories } from "../repositories/index.js";
import { courseCatalog } from "./course-catalog.js";
import { getProgress } from "./get-progress.js";
import { REF_WINDOW_MS, syncProgress, type SyncDeps } from "./sync-progress.js";

const A = "learner-a";
const B = "learner-b";

describe.each(DIALECTS)("syncProgress on %s", (dialect) => {
  let testDb: TestDb;
  let repos: Repositories;
  let deps: SyncDeps;
  const clock = manualClock();
  const catalog = courseCatalog(fixtureCourse());
  const sync = (learnerId: string, req: SyncRequest) => syncProgress(deps, learnerId, req);
  const kdb = () => testDb.db.db;

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    repos = repositories(testDb.db.db, testDb.db.dialect);
    deps = { repos, catalog, clock };
  });
  afterAll(async () => {
    await testDb.cleanup();
  });
  beforeEach(async () => {
    clock.set(FIXED_NOW);
    await clearTables(kdb());
    for (const id of [A, B]) {
      await repos.learners.insert({
        id,
        zalo_user_id: `zalo-${id}`,
        name: id,
        id_by_oa: null,
        ref_code: null,
        created_at: "2025-01-01T00:00:00.000Z",
        updated_at: "2025-01-01T00:00:00.000Z",
      });
    }
  });

  describe("idempotence", () => {
    it("accepts new events, then reports a replay as duplicates without counting anything twice", async () => {
      const c = completion("bat-may");
      const a = attempt("bat-may");
      const first = await sync(A, { events: [c, a] });
      expect(first.results).toEqual([
        { id: c.id, status: "accepted" },
        { id: a.id, status: "accepted", scorePct: 100, passed: true },
      ]);
      const stored = await snapshot(kdb());

      const replay = await sync(A, { events: [c, a] });
      expect(replay.results).toEqual([
        { id: c.id, status: "duplicate" },
        { id: a.id, status: "duplicate", scorePct: 100, passed: true },
      ]);
      expect(await snapshot(kdb())).toEqual(stored);
      expect(await countRows(kdb())).toEqual({ learners: 2, attempts: 1, completions: 1 });
      const progress = await getProgress(deps, A);
      expect(progress.lessons).toEqual([{ lessonId: "bat-may", read: true, attempts: 1, bestScorePct: 100, passed: true }]);
    });

    it("a replay mixed with new events stores only the new ones", async () => {
      const a1 = attempt("bat-may", { wrong: ["q1"] });
      await sync(A, { events: [a1] });
      const a2 = attempt("bat-may");
      const res = await sync(A, { events: [a1, a2] });
      expect(res.results.map((r) => r.status)).toEqual(["duplicate", "accepted"]);
      expect((await countRows(kdb())).attempts).toBe(2);
    });

    it("stores what was graded: learner, lesson, counts, answers, and the phone's time normalised to UTC", async () => {
      const a = attempt("bat-may", { wrong: ["q2"], at: "2025-03-01T14:30:00+07:00" });
      await sync(A, { events: [a] });
      const rows = await kdb().selectFrom("quiz_attempts").selectAll().execute();
      expect(rows).toEqual([
        {
          id: a.id,
          learner_id: A,
          lesson_id: "bat-may",
          correct: 2,
          total: 3,
          score_pct: 67,
          passed: 0,
          answers: JSON.stringify(a.answers),
          answered_at: "2025-03-01T07:30:00.000Z",
          received_at: FIXED_NOW.toISOString(),
          lesson_version: null,
        },
      ]);
    });
  });

  describe("grading on the server", () => {
    it("re-grades from the content: a score the client claims is ignored", async () => {
      const claimed = { ...attempt("bat-may", { wrong: ["q1", "q2", "q3"] }), scorePct: 100, passed: true } as AttemptEvent;
      const res = await sync(A, { events: [claimed] });
      expect(res.results[0]).toMatchObject({ status: "accepted", scorePct: 0, passed: false });
      const row = await kdb().selectFrom("quiz_attempts").select(["correct", "score_pct", "passed"]).executeTakeFirstOrThrow();
      expect(row).toEqual({ correct: 0, score_pct: 0, passed: 0 });
    });

    it("accepts a multiple or spot-scam answer in any order", async () => {
      const reordered = answers("nhan-biet-lua-dao").map((a) => (a.questionId === "q1" ? { ...a, answer: optionIds("nhan-biet-lua-dao", "q1", [2, 0]) } : a));
      const res = await sync(A, { events: [attempt("nhan-biet-lua-dao", { answers: reordered })] });
      expect(res.results[0]).toMatchObject({ scorePct: 100, passed: true });
    });

    it("needs the exact order for an order question", async () => {
      const res = await sync(A, { events: [attempt("ket-noi-wifi", { wrong: ["q1"] })] });
      expect(res.results[0]).toMatchObject({ scorePct: 80, passed: true });
    });

    it("4 of 5 right passes at 80 %; 3 of 4 right fails at 75 %", async () => {
      const res = await sync(A, {
        events: [attempt("ket-noi-wifi", { wrong: ["q3"] }), attempt("nhan-biet-lua-dao", { wrong: ["q2"] })],
      });
      expect(res.results.map(({ scorePct, passed }) => ({ scorePct, passed }))).toEqual([
        { scorePct: 80, passed: true },
        { scorePct: 75, passed: false },
      ]);
    });
  });

  describe("refusals store nothing", () => {
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeEach(async () => {
      await sync(A, { events: [completion("bat-may"), attempt("bat-may", { wrong: ["q1"] })] });
      before = await snapshot(kdb());
    });
    const unchanged = async () => expect(await snapshot(kdb())).toEqual(before);

    it("an incomplete attempt → 400 incomplete_attempt", async () => {
      const partial = answers("ket-noi-wifi").filter((a) => a.questionId !== "q5");
      await expectAppError(sync(A, { events: [attempt("ket-noi-wifi", { answers: partial })] }), 400, "incomplete_attempt");
      await unchanged();
    });

    it("an attempt on an unknown lesson → 404 lesson_not_found", async () => {
      const ev = { ...attempt("bat-may"), lessonId: "khong-co-bai-nay" };
      await expectAppError(sync(A, { events: [ev] }), 404, "lesson_not_found");
      await unchanged();
    });

    it("a completion of an unknown lesson → 404 lesson_not_found", async () => {
      await expectAppError(sync(A, { events: [completion("khong-co-bai-nay")] }), 404, "lesson_not_found");
      await unchanged();
    });

    it("an answer to an unknown question → 404 question_not_found", async () => {
      const extra = [...answers("bat-may"), { questionId: "q9", answer: optionIds("bat-may", "q1", [0]) }];
      await expectAppError(sync(A, { events: [attempt("bat-may", { answers: extra })] }), 404, "question_not_found");
      await unchanged();
    });

    const shapes: [string, FixtureLessonId, string, string[]][] = [
      ["two options for a single question", "bat-may", "q1", optionIds("bat-may", "q1", [0, 1])],
      ["no option for a true-false question", "bat-may", "q2", []],
      ["an option the question does not have", "bat-may", "q1", optionIds("bat-may", "q2", [0])],
      ["a repeated option", "bat-may", "q3", optionIds("bat-may", "q3", [0, 0])],
      ["an order question not fully ordered", "ket-noi-wifi", "q1", optionIds("ket-noi-wifi", "q1", [0, 1, 2])],
    ];
    it.each(shapes)("a badly shaped answer (%s) → 400 invalid_answer", async (_name, lessonId, questionId, answer) => {
      const list = answers(lessonId).map((a) => (a.questionId === questionId ? { ...a, answer } : a));
      await expectAppError(sync(A, { events: [attempt(lessonId, { answers: list })] }), 400, "invalid_answer");
      await unchanged();
    });

    it("a question answered twice → 400 invalid_attempt", async () => {
      const twice = [...answers("bat-may"), { questionId: "q1", answer: optionIds("bat-may", "q1", [1]) }];
      await expectAppError(sync(A, { events: [attempt("bat-may", { answers: twice })] }), 400, "invalid_attempt");
      await unchanged();
    });

    it("a batch with one bad event stores none of its good events, nor its ref", async () => {
      const partial = answers("nhan-biet-lua-dao").slice(0, 2);
      await expectAppError(
        sync(A, {
          events: [completion("ket-noi-wifi"), attempt("ket-noi-wifi"), attempt("nhan-biet-lua-dao", { answers: partial })],
          ref: "xa-an-binh",
        }),
        400,
        "incomplete_attempt",
      );
      await unchanged();
    });

    it("the same event id twice in one batch → 400 duplicate_event_id", async () => {
      const id = randomUUID();
      await expectAppError(sync(A, { events: [completion("ket-noi-wifi", { id }), attempt("ket-noi-wifi", { id })] }), 400, "duplicate_event_id");
      await unchanged();
    });

    it("an attempt id already used by another learner → 409 sync_id_conflict, the other learner's data untouched", async () => {
      const [stored] = before.attempts;
      const res = sync(B, { events: [completion("ket-noi-wifi"), attempt("bat-may", { id: stored!.id })] });
      await expectAppError(res, 409, "sync_id_conflict");
      await unchanged();
      expect((await getProgress(deps, B)).lessons).toEqual([]);
    });

    it("a completion id already used by another learner → 409 sync_id_conflict", async () => {
      const [stored] = before.completions;
      await expectAppError(sync(B, { events: [completion("bat-may", { id: stored!.id })] }), 409, "sync_id_conflict");
      await unchanged();
    });

    it("an event id reused by the same learner for another lesson → 409 sync_id_conflict", async () => {
      const [stored] = before.attempts;
      await expectAppError(sync(A, { events: [attempt("nhan-biet-lua-dao", { id: stored!.id })] }), 409, "sync_id_conflict");
      await unchanged();
    });

    it("an event more than 10 minutes ahead of the server's clock → 400 event_in_future", async () => {
      const at = new Date(FIXED_NOW.getTime() + 10 * 60_000 + 1000).toISOString();
      await expectAppError(sync(A, { events: [attempt("ket-noi-wifi", { at })] }), 400, "event_in_future");
      await expectAppError(sync(A, { events: [completion("ket-noi-wifi", { at })] }), 400, "event_in_future");
      await unchanged();
    });
  });

  it("allows a phone clock up to 10 minutes ahead", async () => {
    const at = new Date(FIXED_NOW.getTime() + 10 * 60_000).toISOString();
    const res = await sync(A, { events: [attempt("ket-noi-wifi", { at })] });
    expect(res.results[0]!.status).toBe("accepted");
  });

  describe("lesson completions", () => {
    it("a second completion of a lesson already read, with a new id, is a duplicate; the first read is kept", async () => {
      const first = completion("bat-may", { at: "2025-03-01T07:00:00.000Z" });
      await sync(A, { events: [first] });
      const again = completion("bat-may", { at: "2025-03-01T07:50:00.000Z" });
      const res = await sync(A, { events: [again] });
      expect(res.results).toEqual([{ id: again.id, status: "duplicate" }]);
      const rows = await kdb().selectFrom("lesson_completions").select(["id", "completed_at"]).execute();
      expect(rows).toEqual([{ id: first.id, completed_at: "2025-03-01T07:00:00.000Z" }]);
    });

    it("two completions of one lesson in the same batch: the first is accepted, the second a duplicate", async () => {
      const c1 = completion("ket-noi-wifi");
      const c2 = completion("ket-noi-wifi");
      const res = await sync(A, { events: [c1, c2] });
      expect(res.results).toEqual([
        { id: c1.id, status: "accepted" },
        { id: c2.id, status: "duplicate" },
      ]);
      expect((await countRows(kdb())).completions).toBe(1);
    });

    it("two learners reading the same lesson each get it counted", async () => {
      await sync(A, { events: [completion("bat-may")] });
      const res = await sync(B, { events: [completion("bat-may")] });
      expect(res.results[0]!.status).toBe("accepted");
      expect((await countRows(kdb())).completions).toBe(2);
    });
  });

  describe("ref code", () => {
    const refOf = async (id: string) => (await repos.learners.findById(id))!.ref_code;
    // Learners who started an hour ago: their first day, when the code they came with still counts.
    beforeEach(async () => {
      await kdb()
        .updateTable("learners")
        .set({ created_at: new Date(FIXED_NOW.getTime() - 3600_000).toISOString() })
        .execute();
    });

    it("is not stored for a learner who started more than a day before (a poster scanned later credits no one)", async () => {
      await kdb()
        .updateTable("learners")
        .set({ created_at: new Date(FIXED_NOW.getTime() - REF_WINDOW_MS - 1000).toISOString() })
        .where("id", "=", A)
        .execute();
      await sync(A, { events: [completion("bat-may")], ref: "xa-an-binh" });
      expect(await refOf(A)).toBeNull();
    });

    it("is stored with the first sync that carries one, and the first one wins", async () => {
      await sync(A, { events: [completion("bat-may")] });
      expect(await refOf(A)).toBeNull();
      await sync(A, { events: [completion("ket-noi-wifi")], ref: "xa-an-binh" });
      expect(await refOf(A)).toBe("xa-an-binh");
      await sync(A, { events: [completion("nhan-biet-lua-dao")], ref: "xa-khac" });
      expect(await refOf(A)).toBe("xa-an-binh");
      expect(await refOf(B)).toBeNull();
    });

    it("is stored even when every event of the sync is a duplicate", async () => {
      const c = completion("bat-may");
      await sync(A, { events: [c] });
      await sync(A, { events: [c], ref: "to-cong-nghe-so" });
      expect(await refOf(A)).toBe("to-cong-nghe-so");
    });
  });

  it("KEY in the fixture helper matches the fixture course (guards the hand-written answers)", () => {
    for (const lesson of fixtureCourse().lessons) {
      expect(Object.keys(KEY[lesson.id as keyof typeof KEY])).toEqual(lesson.quiz.map((q) => q.id));
    }
  });
});
