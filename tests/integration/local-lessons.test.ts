import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { correctAnswer } from "../../shared/lib/grading.js";
import type { Lesson } from "../../shared/schemas/content.js";
import type { AreaLessons, LocalLessonView } from "../../shared/schemas/local-lesson.js";
import { CREDIT_CONSENT } from "../../shared/schemas/team.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { createTestApp, signInAs, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { manualClock } from "../helpers/fixture.js";
import { phonePhoto, sampleLocalLesson } from "../helpers/local-lesson.js";
import { signedInPeople } from "../helpers/officials.js";
import { countOf } from "../helpers/rows.js";

const course = loadCourseOrThrow();
const areas = loadAreas();
const BA_DINH = "00004";
const OTHER_HANOI = "00008";
const elsewhere = areas.communes.find((c) => c.provinceCode === "79")!.code;

/** A PNG whose header claims 20,000 × 20,000 pixels in a few hundred bytes: decoded, it would take 400 MB. */
function pngBomb(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return (~c >>> 0) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20_000, 0);
  ihdr.writeUInt32BE(20_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(20_001 * 50))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// The machine voice reads the local lessons' steps (Debian's espeak-ng and ffmpeg, installed when missing).
beforeAll(() => ensureDebianTools({ "espeak-ng": "espeak-ng", ffmpeg: "ffmpeg", ffprobe: "ffmpeg" }), 300_000);

const answersOf = (l: Lesson) => l.quiz.map((q) => ({ questionId: q.id, answer: correctAnswer(q) }));

describe.each(DIALECTS)("local lessons written by officials on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2026-12-02T03:00:00.000Z"));
  const token: Record<string, string> = {};
  const as = (who: string, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token[who]}` }, ...(payload ? { payload } : {}) });
  const upload = (who: string, body: Buffer, type = "image/jpeg", area = BA_DINH) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/admin/local-images?area=${area}`,
      headers: { authorization: `Bearer ${token[who]}`, "content-type": type },
      payload: body,
    });
  const counts = async () => {
    const db = t.testDb.db.db;
    return {
      lessons: await countOf(db, "local_lessons"),
      versions: await countOf(db, "local_lesson_versions"),
      images: await countOf(db, "local_images"),
      audit: await countOf(db, "audit_log"),
    };
  };
  const seen = async (commune: string) => (await t.app.inject({ url: `/api/v1/local-lessons?commune=${commune}` })).json() as AreaLessons;
  let imageId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    const people = [
      ["author", "commune_official", BA_DINH],
      ["second", "commune_official", BA_DINH],
      ["otherCommune", "commune_official", OTHER_HANOI],
      ["province", "province_official", "01"],
      ["province2", "province_official", "01"],
    ] as const;
    Object.assign(
      token,
      await signedInPeople(
        t,
        people.map(([name, role, areaCode], i) => ({ name, zaloUserId: `55000000000000009${i}`, role, areaCode })),
        clock.now().toISOString(),
      ),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a phone's photo is stored resized, as WebP, without its GPS position or camera; the same photo twice is stored once", async () => {
    const photo = await phonePhoto();
    const res = await upload("author", photo);
    expect(res.statusCode, res.body).toBe(200);
    const img = res.json() as { id: string; url: string; width: number; height: number; bytes: number };
    expect(img).toMatchObject({ width: 960, height: 720 });
    expect(img.id).toMatch(/^img-[0-9a-f]{16}$/);
    imageId = img.id;
    const file = await t.app.inject({ url: img.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/webp");
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 960, height: 720 });
    expect(meta.exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from("TestPhone"))).toBe(false);
    expect(file.rawPayload.length).toBe(img.bytes);

    const before = await counts();
    expect((await upload("second", photo)).json().id).toBe(img.id);
    expect((await counts()).images).toBe(before.images);
  });

  it("refuses a text file named .jpg, an SVG with a script, a PNG bomb, a huge file and another area — storing nothing", async () => {
    const before = await counts();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><script>alert(1)</script><rect width="400" height="300"/></svg>');
    const cases: [string, Buffer, string, number, string, string?][] = [
      ["text as .jpg", Buffer.from("Đây là một tệp văn bản, không phải ảnh.\n".repeat(50)), "image/jpeg", 400, "invalid_image"],
      ["SVG with a script", svg, "image/svg+xml", 400, "invalid_image"],
      ["PNG bomb", pngBomb(), "image/png", 400, "image_too_large"],
      ["13 MB", Buffer.alloc(13 * 1024 * 1024, 1), "image/jpeg", 413, "body_too_large"],
      ["empty", Buffer.alloc(0), "image/jpeg", 400, "invalid_image"],
      ["another commune", await phonePhoto(800, 600, "#123456"), "image/jpeg", 403, "forbidden_area", OTHER_HANOI],
    ];
    for (const [name, body, type, status, code, area] of cases) {
      const res = await upload("author", body, type, area);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error, name).toBe(code);
      expect(res.json().message, name).toMatch(/[ảáàạãâăđêôơư]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await counts()).toEqual(before);
  });

  it("checks a lesson like the shipped course, naming each problem in Vietnamese at its field; nothing is stored", async () => {
    const before = await counts();
    const good = sampleLocalLesson(imageId);
    const bad = {
      ...good,
      title: "",
      steps: good.steps.map((s, i) =>
        i === 1 ? { ...s, image: "img-0000000000000000", text: `${s.text} Theo Nghị định 13/2023/NĐ-CP, ${"rất ".repeat(60)}quan trọng.` } : s,
      ),
    };
    const res = await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: bad });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as { error: string; message: string; problems: { path: string; field: string; message: string }[] };
    expect(body.error).toBe("invalid_lesson");
    expect(body.problems).toEqual([{ path: "title", field: "Tên bài", message: "Chưa điền." }]);

    const res2 = await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: { ...bad, title: good.title } });
    const problems = (res2.json() as typeof body).problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["steps.1.image", "steps.1.text"]));
    expect(problems.find((p) => p.path === "steps.1.image")).toMatchObject({ field: "Bước 2 · Ảnh", message: "Không tìm thấy ảnh này; hãy tải ảnh lên lại." });
    const text = problems.filter((p) => p.path === "steps.1.text").map((p) => p.message);
    expect(text).toEqual(expect.arrayContaining([expect.stringMatching(/^Số văn bản “13\/2023\/NĐ-CP”/), expect.stringMatching(/từ, tối đa 60 từ/)]));

    const noPicture = { ...good, steps: good.steps.map(({ image: _i, alt: _a, ...s }) => s) };
    const res3 = await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: noPicture });
    expect(res3.json().problems).toEqual([{ path: "steps", field: "Các bước", message: "Bài học cần ít nhất một bước có ảnh minh họa." }]);
    const oneOption = { ...good, quiz: [{ ...good.quiz[0]!, options: good.quiz[0]!.options.map((o) => ({ ...o, correct: true })) }, ...good.quiz.slice(1)] };
    const res4 = await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: oneOption });
    expect(res4.json().problems).toEqual([
      { path: "quiz.0.options", field: "Câu hỏi 1 · Các lựa chọn", message: "Câu chọn một cần đúng một lựa chọn đúng, đang có 4." },
    ]);
    expect(await counts()).toEqual(before);
  });

  let lessonId: string;
  it("a commune's lesson: drafted, submitted, approved by a second official of the commune; seen by its residents only", async () => {
    const created = await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: sampleLocalLesson(imageId) });
    expect(created.statusCode, created.body).toBe(200);
    const v = created.json().lesson as LocalLessonView;
    lessonId = v.id;
    expect(v).toMatchObject({ status: "draft", latestVersion: 1, publishedVersion: null, areaName: "Phường Ba Đình, Thành phố Hà Nội", canApprove: false });
    expect((await seen(BA_DINH)).lessons).toEqual([]);

    // Officials of another commune neither see nor touch it.
    expect((await as("otherCommune", "GET", "/api/v1/admin/local-lessons")).json().lessons).toEqual([]);
    expect((await as("otherCommune", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "submit", version: 1 })).statusCode).toBe(403);

    const submitted = await as("author", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "submit", version: 1 });
    expect(submitted.json().lesson.status).toBe("awaiting_approval");
    const self = await as("author", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "approve", version: 1 });
    expect(self.statusCode).toBe(403);
    expect((await as("second", "GET", "/api/v1/admin/local-lessons")).json().lessons[0]).toMatchObject({ id: lessonId, canApprove: true });
    const wrongVersion = await as("second", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "approve", version: 2 });
    expect(wrongVersion.statusCode).toBe(409);
    const approved = await as("second", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "approve", version: 1 });
    expect(approved.json().lesson).toMatchObject({ status: "published", publishedVersion: 1 });

    const mine = await seen(BA_DINH);
    expect(mine.commune).toEqual({ code: BA_DINH, name: "Phường Ba Đình, Thành phố Hà Nội" });
    expect(mine.lessons).toHaveLength(1);
    const shown = mine.lessons[0]!;
    const samples = course.lessons.filter((l) => l.skill === "dia-phuong").length;
    expect(shown).toMatchObject({ version: 1, areaName: "Phường Ba Đình, Thành phố Hà Nội" });
    expect(shown.lesson).toMatchObject({ id: lessonId, skill: "dia-phuong", order: samples + 1, title: "Zalo của phường Ba Đình" });
    expect(shown.lesson.steps.find((s) => s.image)!.image).toBe(`/api/v1/local-images/${imageId}.webp`);
    expect(shown.lesson.quiz[0]!.options[0]!.id).toMatch(/^[0-9a-z]+$/);
    expect((await seen(OTHER_HANOI)).lessons).toEqual([]);
    expect((await seen(elsewhere)).lessons).toEqual([]);
    expect((await t.app.inject({ url: "/api/v1/local-lessons?commune=99999" })).statusCode).toBe(404);

    // Every step can be heard: the machine voice reads the published steps (made once, stored for every process).
    const audio = await t.app.inject({ url: `/api/v1/lessons/${lessonId}/audio` });
    expect(audio.statusCode, audio.body).toBe(200);
    const steps = audio.json().steps as { available: boolean; machine: boolean; seconds: number | null; ogg: string }[];
    expect(steps).toHaveLength(shown.lesson.steps.length);
    for (const st of steps) expect(st).toMatchObject({ available: true, machine: true, seconds: expect.any(Number) });
    const ogg = await t.app.inject({ url: steps[0]!.ogg });
    expect(ogg.headers["content-type"]).toBe("audio/ogg");
    expect(ogg.rawPayload.subarray(0, 4).toString("latin1")).toBe("OggS");
    expect((await t.app.inject({ url: "/api/v1/lessons/dp-0000000000/audio" })).statusCode).toBe(404);

    // An official of the area reads a step in their own voice; one of another commune may not.
    const wav = join(mkdtempSync(join(tmpdir(), "local-rec-")), "step.wav");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=330:duration=2", "-ac", "1", wav]);
    const record = (who: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/admin/lessons/${lessonId}/steps/2/recording`,
        headers: { authorization: `Bearer ${token[who]}`, "content-type": "audio/wav" },
        payload: readFileSync(wav),
      });
    expect((await record("otherCommune")).statusCode).toBe(403);
    const recorded = await record("second");
    expect(recorded.statusCode, recorded.body).toBe(200);
    const voiced = (await t.app.inject({ url: `/api/v1/lessons/${lessonId}/audio` })).json().steps as { machine: boolean }[];
    expect(voiced[1]).toMatchObject({ machine: false });
    expect(voiced[0]).toMatchObject({ machine: true });

    // Posters like the rest: its title and key steps, a QR code to the lesson.
    const poster = await t.app.inject({ url: `/api/v1/posters/${lessonId}.pdf` });
    expect(poster.statusCode).toBe(200);
    expect(poster.headers["content-type"]).toBe("application/pdf");
    expect((await t.app.inject({ url: `/api/v1/posters/${lessonId}.png` })).headers["content-type"]).toBe("image/png");
    expect((await t.app.inject({ url: "/api/v1/posters/dp-0000000000.pdf" })).statusCode).toBe(404);
    const notes = await t.app.inject({ url: `/api/v1/posters/${lessonId}/teacher-notes.pdf` });
    expect(notes.statusCode, notes.body).toBe(200);
    expect(notes.headers["content-type"]).toBe("application/pdf");

    const audit = await t.testDb.db.db
      .selectFrom("audit_log")
      .select(["action", "actor"])
      .where("target", "=", `local_lesson:${lessonId}`)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["local_lesson.create", "local_lesson.submit", "local_lesson.approve"]);
  });

  it("a resident's attempt is graded against the version they answered, while a new version is drafted and after it is published", async () => {
    const resident = await signInAs(t.app, 0);
    const sync = (events: object[]) =>
      t.app.inject({ method: "POST", url: "/api/v1/progress/sync", headers: { authorization: `Bearer ${resident.token}` }, payload: { events } });
    const v1 = (await seen(BA_DINH)).lessons[0]!.lesson;
    const at = clock.now().toISOString();
    const first = await sync([{ kind: "attempt", id: randomUUID(), lessonId, version: 1, answers: answersOf(v1), at }]);
    expect(first.json().results[0]).toMatchObject({ status: "accepted", scorePct: 100, passed: true });

    // Version 2 drops the last question; residents still see version 1 until it is approved.
    const content = sampleLocalLesson(imageId);
    const v2content = { ...content, quiz: content.quiz.slice(0, 4) };
    const edited = await as("author", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "edit", version: 1, content: v2content });
    expect(edited.json().lesson).toMatchObject({ status: "draft", latestVersion: 2, publishedVersion: 1 });
    const stale = await as("second", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "edit", version: 1, content });
    expect(stale.statusCode).toBe(409);
    expect((await seen(BA_DINH)).lessons[0]).toMatchObject({ version: 1 });
    // A draft is never answerable.
    const draft = await sync([{ kind: "attempt", id: randomUUID(), lessonId, version: 2, answers: answersOf(v1).slice(0, 4), at }]);
    expect(draft.statusCode).toBe(404);

    await as("author", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "submit", version: 2 });
    await as("province", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "approve", version: 2 });
    expect((await seen(BA_DINH)).lessons[0]).toMatchObject({ version: 2 });
    expect((await seen(BA_DINH)).lessons[0]!.lesson.quiz).toHaveLength(4);

    // Answered offline on version 1 (five questions), synced now: graded on version 1.
    const late = await sync([{ kind: "attempt", id: randomUUID(), lessonId, version: 1, answers: answersOf(v1), at }]);
    expect(late.json().results[0]).toMatchObject({ status: "accepted", scorePct: 100 });
    const onV2 = await sync([{ kind: "attempt", id: randomUUID(), lessonId, version: 2, answers: answersOf(v1), at }]);
    expect(onV2.statusCode).toBe(404);
    const rows = await t.testDb.db.db.selectFrom("quiz_attempts").select(["lesson_version", "score_pct"]).where("lesson_id", "=", lessonId).execute();
    expect(rows.map((r) => Number(r.lesson_version))).toEqual([1, 1]);
    const progress = (await t.app.inject({ url: "/api/v1/progress", headers: { authorization: `Bearer ${resident.token}` } })).json();
    expect(progress.lessons).toContainEqual(expect.objectContaining({ lessonId, passed: true, attempts: 2 }));
  });

  it("counts in the reports like the rest: the attempts of a resident credited to a team in the local skill's pass rate", async () => {
    const member = await signInAs(t.app, 2);
    const resident = await signInAs(t.app, 1);
    const call = (tok: string, method: "GET" | "POST", url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${tok}` }, ...(payload ? { payload } : {}) });
    const team = await as("author", "POST", "/api/v1/admin/teams", { communeCode: BA_DINH, name: "Tổ 1" });
    expect(team.statusCode, team.body).toBe(200);
    const invite = await as("author", "POST", `/api/v1/teams/${team.json().id}/invites`, {});
    const joined = await call(member.token, "POST", "/api/v1/teams/join", { code: invite.json().code });
    expect(joined.statusCode, joined.body).toBe(200);
    // The resident opened the app through the member's code, answered the version now published (2), and agreed to be credited.
    const v2 = (await seen(BA_DINH)).lessons[0]!;
    const ref = joined.json().refCode as string;
    const at = clock.now().toISOString();
    const synced = await call(resident.token, "POST", "/api/v1/progress/sync", {
      ref,
      events: [{ kind: "attempt", id: randomUUID(), lessonId, version: v2.version, answers: answersOf(v2.lesson), at }],
    });
    expect(synced.json().results[0]).toMatchObject({ status: "accepted", passed: true });
    const credited = await call(resident.token, "POST", "/api/v1/me/credit", { ref, consentVersion: CREDIT_CONSENT.version, agree: true });
    expect(credited.statusCode, credited.body).toBe(200);
    const report = await as("author", "GET", `/api/v1/admin/reports?area=${BA_DINH}&weeks=1`);
    expect(report.statusCode, report.body).toBe(200);
    const local = (report.json().quizBySkill as { skillId: string; attempted: number; passed: number }[]).find((s) => s.skillId === "dia-phuong");
    expect(local).toMatchObject({ attempted: 1, passed: 1 });
  });

  it("every save is a version of its own: an approval or an edit over what changed since is refused, an approved version never rewritten", async () => {
    const patch = (who: string, id: string, body: object) => as(who, "PATCH", `/api/v1/admin/local-lessons/${id}`, body);
    const first = sampleLocalLesson(imageId, "Lịch tiếp dân của phường");
    const id = ((await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: first })).json().lesson as LocalLessonView).id;
    await patch("author", id, { action: "submit", version: 1 });
    // The author changes it while it waits: the second official's approval of what they read (version 1) is refused.
    const changed = { ...first, summary: "Nội dung khác hẳn, chưa ai duyệt." };
    expect((await patch("author", id, { action: "edit", version: 1, content: changed })).json().lesson).toMatchObject({ status: "draft", latestVersion: 2 });
    expect((await patch("second", id, { action: "approve", version: 1 })).statusCode).toBe(409);
    // Two officials save over the same version at once: one is kept, the other is told to reload.
    const both = await Promise.all([
      patch("author", id, { action: "edit", version: 2, content: { ...changed, minutes: 7 } }),
      patch("second", id, { action: "edit", version: 2, content: { ...changed, minutes: 8 } }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    await patch("author", id, { action: "submit", version: 3 });
    await patch("province", id, { action: "approve", version: 3 });
    const approved = await t.testDb.db.db
      .selectFrom("local_lesson_versions")
      .selectAll()
      .where("lesson_id", "=", id)
      .where("version", "=", 3)
      .executeTakeFirstOrThrow();
    // Withdrawn, restored and edited: the approved version stays as it was approved.
    await patch("second", id, { action: "withdraw" });
    await patch("second", id, { action: "restore" });
    expect((await patch("author", id, { action: "edit", version: 3, content: first })).json().lesson).toMatchObject({ latestVersion: 4, status: "draft" });
    expect(
      await t.testDb.db.db.selectFrom("local_lesson_versions").selectAll().where("lesson_id", "=", id).where("version", "=", 3).executeTakeFirstOrThrow(),
    ).toEqual(approved);
  });

  it("withdrawn, residents no longer see it; restored, it is a draft that needs approving again", async () => {
    const w = await as("second", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "withdraw" });
    expect(w.json().lesson.status).toBe("withdrawn");
    expect((await seen(BA_DINH)).lessons).toEqual([]);
    expect((await t.app.inject({ url: `/api/v1/posters/${lessonId}.pdf` })).statusCode).toBe(404);
    const edit = await as("author", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "edit", version: 2, content: sampleLocalLesson(imageId) });
    expect(edit.statusCode).toBe(409);
    const r = await as("author", "PATCH", `/api/v1/admin/local-lessons/${lessonId}`, { action: "restore" });
    expect(r.json().lesson).toMatchObject({ status: "draft", publishedVersion: null });
    expect((await seen(BA_DINH)).lessons).toEqual([]);
  });

  it("a province's lesson: written by a province official, approved by a second one, seen in every commune of the province", async () => {
    const byCommune = await as("author", "POST", "/api/v1/admin/local-lessons", {
      areaCode: "01",
      content: sampleLocalLesson(imageId, "Cổng thông tin Hà Nội"),
    });
    expect(byCommune.statusCode).toBe(403);
    const res = await as("province", "POST", "/api/v1/admin/local-lessons", { areaCode: "01", content: sampleLocalLesson(imageId, "Cổng thông tin Hà Nội") });
    const id = (res.json().lesson as LocalLessonView).id;
    await as("province", "PATCH", `/api/v1/admin/local-lessons/${id}`, { action: "submit", version: 1 });
    expect((await as("author", "PATCH", `/api/v1/admin/local-lessons/${id}`, { action: "approve", version: 1 })).statusCode).toBe(403);
    expect((await as("province", "PATCH", `/api/v1/admin/local-lessons/${id}`, { action: "approve", version: 1 })).statusCode).toBe(403);
    expect((await as("province2", "PATCH", `/api/v1/admin/local-lessons/${id}`, { action: "approve", version: 1 })).json().lesson.status).toBe("published");
    for (const c of [BA_DINH, OTHER_HANOI]) expect((await seen(c)).lessons.map((l) => l.lesson.title)).toEqual(["Cổng thông tin Hà Nội"]);
    expect((await seen(elsewhere)).lessons).toEqual([]);
  });

  it("bad requests are refused plainly: an unknown area, a malformed id, a body that is not a lesson", async () => {
    const before = await counts();
    const bad = [
      await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: "99999", content: sampleLocalLesson(imageId) }),
      await as("author", "POST", "/api/v1/admin/local-lessons", { areaCode: BA_DINH, content: "bài học" }),
      await as("author", "PATCH", "/api/v1/admin/local-lessons/not-an-id", { action: "withdraw" }),
      await as("author", "PATCH", "/api/v1/admin/local-lessons/dp-0000000000", { action: "withdraw" }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 404]);
    for (const r of bad) expect(r.json().message).toBeTruthy();
    expect(await counts()).toEqual(before);
  });
});
