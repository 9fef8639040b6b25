import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "../../../tests/helpers/databases.js";
import { attempt, completion, FIXED_NOW, fixtureCourse, manualClock } from "../../../tests/helpers/fixture.js";
import { clearTables } from "../../../tests/helpers/rows.js";
import { repositories, type Repositories } from "../repositories/index.js";
import { courseCatalog } from "./course-catalog.js";
import { getProgress } from "./get-progress.js";
import { syncProgress, type SyncDeps } from "./sync-progress.js";

const A = "learner-a";
const B = "learner-b";

describe.each(DIALECTS)("getProgress on %s", (dialect) => {
  let testDb: TestDb;
  let repos: Repositories;
  let deps: SyncDeps;
  const clock = manualClock();
  const catalog = courseCatalog(fixtureCourse());
  const progress = (id = A) => getProgress(deps, id);
  const lesson = async (lessonId: string, id = A) => (await progress(id)).lessons.find((l) => l.lessonId === lessonId);
  const skill = async (skillId: string, id = A) => (await progress(id)).skills.find((s) => s.skillId === skillId);

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
    await clearTables(testDb.db.db);
    for (const id of [A, B]) {
      await repos.learners.insert({
        id,
        zalo_user_id: `zalo-${id}`,
        name: id,
        id_by_oa: null,
        ref_code: null,
        created_at: FIXED_NOW.toISOString(),
        updated_at: FIXED_NOW.toISOString(),
      });
    }
  });

  it("a new learner has no lessons and every skill at zero, listed in course order", async () => {
    expect(await progress()).toEqual({
      lessons: [],
      skills: [
        { skillId: "dien-thoai", lessonsTotal: 2, lessonsPassed: 0, mastered: false },
        { skillId: "an-toan", lessonsTotal: 1, lessonsPassed: 0, mastered: false },
      ],
    });
  });

  it("a lesson read but not tried: read, no attempts, no best score, not passed", async () => {
    await syncProgress(deps, A, { events: [completion("bat-may")] });
    expect(await progress()).toMatchObject({ lessons: [{ lessonId: "bat-may", read: true, attempts: 0, bestScorePct: null, passed: false }] });
  });

  it("a lesson tried but not read: read is false", async () => {
    await syncProgress(deps, A, { events: [attempt("bat-may", { wrong: ["q1", "q2"] })] });
    expect(await lesson("bat-may")).toEqual({ lessonId: "bat-may", read: false, attempts: 1, bestScorePct: 33, passed: false });
  });

  it("the best score is the highest of all attempts, and a lesson stays passed after a worse attempt", async () => {
    await syncProgress(deps, A, {
      events: [
        attempt("bat-may", { wrong: ["q1"] }), // 67
        attempt("bat-may"), // 100
        attempt("bat-may", { wrong: ["q1", "q2", "q3"] }), // 0
      ],
    });
    expect(await lesson("bat-may")).toEqual({ lessonId: "bat-may", read: false, attempts: 3, bestScorePct: 100, passed: true });
  });

  it("only failing attempts: best score shown, not passed", async () => {
    await syncProgress(deps, A, { events: [attempt("nhan-biet-lua-dao", { wrong: ["q1"] }), attempt("nhan-biet-lua-dao", { wrong: ["q1", "q2"] })] });
    expect(await lesson("nhan-biet-lua-dao")).toEqual({ lessonId: "nhan-biet-lua-dao", read: false, attempts: 2, bestScorePct: 75, passed: false });
  });

  it("a skill is mastered only when every one of its lessons is passed", async () => {
    await syncProgress(deps, A, { events: [attempt("bat-may")] });
    expect(await skill("dien-thoai")).toEqual({ skillId: "dien-thoai", lessonsTotal: 2, lessonsPassed: 1, mastered: false });

    await syncProgress(deps, A, { events: [attempt("ket-noi-wifi", { wrong: ["q2", "q3"] })] }); // 60 %
    expect(await skill("dien-thoai")).toMatchObject({ lessonsPassed: 1, mastered: false });

    await syncProgress(deps, A, { events: [attempt("ket-noi-wifi", { wrong: ["q2"] })] }); // 80 %
    expect(await skill("dien-thoai")).toEqual({ skillId: "dien-thoai", lessonsTotal: 2, lessonsPassed: 2, mastered: true });
    expect(await skill("an-toan")).toMatchObject({ lessonsPassed: 0, mastered: false });
  });

  it("reading every lesson does not master a skill; passing does", async () => {
    await syncProgress(deps, A, { events: [completion("nhan-biet-lua-dao"), attempt("nhan-biet-lua-dao", { wrong: ["q4"] })] }); // 75 %
    expect(await skill("an-toan")).toMatchObject({ lessonsPassed: 0, mastered: false });
    await syncProgress(deps, A, { events: [attempt("nhan-biet-lua-dao")] });
    expect(await skill("an-toan")).toEqual({ skillId: "an-toan", lessonsTotal: 1, lessonsPassed: 1, mastered: true });
  });

  it("lists lessons sorted by id, each once, combining reads and attempts", async () => {
    await syncProgress(deps, A, {
      events: [completion("nhan-biet-lua-dao"), attempt("ket-noi-wifi"), completion("bat-may"), attempt("bat-may")],
    });
    const { lessons } = await progress();
    expect(lessons.map((l) => [l.lessonId, l.read, l.attempts])).toEqual([
      ["bat-may", true, 1],
      ["ket-noi-wifi", false, 1],
      ["nhan-biet-lua-dao", true, 0],
    ]);
  });

  it("each learner sees only their own progress", async () => {
    await syncProgress(deps, A, { events: [completion("bat-may"), attempt("bat-may")] });
    await syncProgress(deps, B, { events: [attempt("nhan-biet-lua-dao", { wrong: ["q1"] })] });
    expect((await progress(A)).lessons.map((l) => l.lessonId)).toEqual(["bat-may"]);
    expect((await progress(B)).lessons).toEqual([{ lessonId: "nhan-biet-lua-dao", read: false, attempts: 1, bestScorePct: 75, passed: false }]);
    expect((await progress(B)).skills.every((s) => s.lessonsPassed === 0)).toBe(true);
  });

  it("leaves out lessons that are no longer in the course", async () => {
    await testDb.db.db
      .insertInto("quiz_attempts")
      .values({
        id: "old-1",
        learner_id: A,
        lesson_id: "bai-da-xoa",
        correct: 3,
        total: 3,
        score_pct: 100,
        passed: 1,
        answers: "[]",
        answered_at: FIXED_NOW.toISOString(),
        received_at: FIXED_NOW.toISOString(),
      })
      .execute();
    await testDb.db.db
      .insertInto("lesson_completions")
      .values({ id: "old-2", learner_id: A, lesson_id: "bai-da-xoa", completed_at: FIXED_NOW.toISOString(), received_at: FIXED_NOW.toISOString() })
      .execute();
    await syncProgress(deps, A, { events: [completion("bat-may")] });
    expect((await progress()).lessons.map((l) => l.lessonId)).toEqual(["bat-may"]);
  });

  it("returns numbers and booleans, not strings, on this database", async () => {
    await syncProgress(deps, A, { events: [attempt("bat-may"), attempt("bat-may")] });
    const l = (await lesson("bat-may"))!;
    expect(typeof l.attempts).toBe("number");
    expect(typeof l.bestScorePct).toBe("number");
    expect(l.passed).toBe(true);
    expect(l.attempts).toBe(2);
  });
});
