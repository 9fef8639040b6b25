import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { attempt, completion, fixtureCourse, manualClock } from "../helpers/fixture.js";
import { countRows } from "../helpers/rows.js";

const course = fixtureCourse();

describe.each(DIALECTS)("progress over HTTP on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock();
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const sync = (token: string, payload: object) => t.app.inject({ method: "POST", url: "/api/v1/progress/sync", headers: auth(token), payload });
  const progress = (token: string) => t.app.inject({ url: "/api/v1/progress", headers: auth(token) });

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it("sign in → sync → read progress back", async () => {
    const { token, learnerId } = await signInAs(t.app, 0);
    const c = completion("bat-may");
    const a1 = attempt("bat-may", { wrong: ["q3"] });
    const a2 = attempt("ket-noi-wifi", { wrong: ["q5"] });
    const a3 = attempt("bat-may");
    const res = await sync(token, { events: [c, a1, a2, a3], ref: "xa-an-binh" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      results: [
        { id: c.id, status: "accepted" },
        { id: a1.id, status: "accepted", scorePct: 67, passed: false },
        { id: a2.id, status: "accepted", scorePct: 80, passed: true },
        { id: a3.id, status: "accepted", scorePct: 100, passed: true },
      ],
    });

    const p = await progress(token);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toEqual({
      lessons: [
        { lessonId: "bat-may", read: true, attempts: 2, bestScorePct: 100, passed: true },
        { lessonId: "ket-noi-wifi", read: false, attempts: 1, bestScorePct: 80, passed: true },
      ],
      skills: [
        { skillId: "dien-thoai", lessonsTotal: 2, lessonsPassed: 2, mastered: true },
        { skillId: "an-toan", lessonsTotal: 1, lessonsPassed: 0, mastered: false },
      ],
    });
    const learner = await t.testDb.db.db.selectFrom("learners").select("ref_code").where("id", "=", learnerId).executeTakeFirstOrThrow();
    expect(learner.ref_code).toBe("xa-an-binh");
    // The ref shows on the next sign-in.
    const zalo = (await t.app.inject({ method: "POST", url: "/sandbox/users/5500000000000000001/token" })).json().access_token;
    const again = await t.app.inject({ method: "POST", url: "/api/v1/auth/zalo", payload: { accessToken: zalo } });
    expect(again.json().learner).toEqual({ id: learnerId, name: "Nguyễn Văn An", refCode: "xa-an-binh", nameSaved: true });
  });

  it("a first sync may carry only the ref code the app was opened with (nothing learnt yet)", async () => {
    const { token, learnerId } = await signInAs(t.app, 2);
    const res = await sync(token, { events: [], ref: "to-5-ba-dinh" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ results: [] });
    const learner = await t.testDb.db.db.selectFrom("learners").select("ref_code").where("id", "=", learnerId).executeTakeFirstOrThrow();
    expect(learner.ref_code).toBe("to-5-ba-dinh");
  });

  it("a replayed sync answers every event as a duplicate and leaves the progress unchanged", async () => {
    const { token } = await signInAs(t.app, 1);
    const events = [completion("nhan-biet-lua-dao"), attempt("nhan-biet-lua-dao", { wrong: ["q1"] }), attempt("bat-may")];
    const first = await sync(token, { events });
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    const before = (await progress(token)).json();
    const rows = await countRows(t.testDb.db.db);

    const replay = await sync(token, { events });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().results).toEqual([
      { id: events[0]!.id, status: "duplicate" },
      { id: events[1]!.id, status: "duplicate", scorePct: 75, passed: false },
      { id: events[2]!.id, status: "duplicate", scorePct: 100, passed: true },
    ]);
    expect((await progress(token)).json()).toEqual(before);
    expect(await countRows(t.testDb.db.db)).toEqual(rows);
    expect(before.lessons.find((l: { lessonId: string }) => l.lessonId === "nhan-biet-lua-dao")).toMatchObject({ attempts: 1 });
  });

  it("each session token reads its own learner's progress only", async () => {
    const a = await signInAs(t.app, 2);
    const b = await signInAs(t.app, 3);
    expect(a.learnerId).not.toBe(b.learnerId);
    await sync(a.token, { events: [attempt("bat-may"), completion("bat-may")] });
    await sync(b.token, { events: [attempt("nhan-biet-lua-dao")] });

    const pa = (await progress(a.token)).json();
    const pb = (await progress(b.token)).json();
    expect(pa.lessons.map((l: { lessonId: string }) => l.lessonId)).toEqual(["bat-may"]);
    expect(pb.lessons).toEqual([{ lessonId: "nhan-biet-lua-dao", read: false, attempts: 1, bestScorePct: 100, passed: true }]);
    expect(pb.skills.find((s: { skillId: string }) => s.skillId === "an-toan").mastered).toBe(true);
    expect(pa.skills.find((s: { skillId: string }) => s.skillId === "an-toan").mastered).toBe(false);
  });

  it("B replaying A's event ids is refused with 409 sync_id_conflict and changes nothing", async () => {
    const a = await signInAs(t.app, 4);
    const ev = attempt("ket-noi-wifi");
    expect((await sync(a.token, { events: [ev] })).statusCode).toBe(200);
    const b = await signInAs(t.app, 1);
    const before = await countRows(t.testDb.db.db);
    const res = await sync(b.token, { events: [ev] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe("sync_id_conflict");
    expect(await countRows(t.testDb.db.db)).toEqual(before);
    expect((await progress(a.token)).json().lessons).toEqual([{ lessonId: "ket-noi-wifi", read: false, attempts: 1, bestScorePct: 100, passed: true }]);
  });
});
