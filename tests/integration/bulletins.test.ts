import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASK_THE_TEAM } from "../../shared/lib/bulletin-script.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { manualClock } from "../helpers/fixture.js";
import { signedInPeople } from "../helpers/officials.js";

/** Bulletins for the commune loudspeaker; the MP3 is read back with ffprobe (Debian's ffmpeg), not with the code that wrote it. */
const course = loadCourseOrThrow();
const lesson = course.lessons.find((l) => l.skill === "an-toan-mang")!;
const BA_DINH = "00004";
let dir: string;
beforeAll(() => {
  ensureDebianTools({ "espeak-ng": "espeak-ng", ffmpeg: "ffmpeg", ffprobe: "ffmpeg" });
  dir = mkdtempSync(join(tmpdir(), "bulletins-"));
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const duration = (bytes: Buffer, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return Number(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], { encoding: "utf8" }).trim());
};

describe.each(DIALECTS)("loudspeaker bulletins on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock(new Date("2026-12-02T03:00:00.000Z"));
  const token: Record<string, string> = {};
  const as = (who: string, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token[who]}` }, ...(payload ? { payload } : {}) });
  const rows = () => t.testDb.db.db.selectFrom("bulletins").selectAll().orderBy("id").execute();

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    const at = clock.now().toISOString();
    const people = [
      ["commune", "commune_official", BA_DINH],
      ["otherCommune", "commune_official", "00008"],
      ["province", "province_official", "01"],
      ["province2", "province_official", "01"],
    ] as const;
    Object.assign(
      token,
      await signedInPeople(
        t,
        people.map(([name, role, areaCode], i) => ({ name, zaloUserId: `55000000000000008${i}`, role, areaCode })),
        at,
      ),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("from a lesson: a script for listening (its key steps said twice, no links, where to ask), then the machine voice, MP3 and text", async () => {
    const res = await as("commune", "POST", "/api/v1/admin/bulletins", { areaCode: BA_DINH, source: { kind: "lesson", lessonId: lesson.id } });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json().bulletin as { id: number; script: string; status: string; problems: string[]; audio: null };
    expect(b).toMatchObject({ status: "draft", problems: [], audio: null });
    expect(b.script.startsWith("Phường Ba Đình, Thành phố Hà Nội xin thông báo.")).toBe(true);
    for (const k of lesson.keySteps) expect(b.script.split(k.replace(/\*\*/g, "")).length - 1, k).toBe(2);
    expect(b.script).not.toMatch(/https?:\/\//);
    expect(b.script.trim().endsWith(ASK_THE_TEAM)).toBe(true);

    // A link or a sentence too long for a listener is refused, and nothing changes.
    const before = await rows();
    const bad = await as("commune", "PATCH", `/api/v1/admin/bulletins/${b.id}`, {
      action: "edit",
      title: "Tin",
      script: `${b.script}\nXem https://dichvucong.gov.vn nhé.`,
      class: "uu_tien",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: "invalid_script", message: expect.stringMatching(/đường link/) });
    expect(await rows()).toEqual(before);
    // Not to be sent without a voice.
    expect((await as("commune", "PATCH", `/api/v1/admin/bulletins/${b.id}`, { action: "submit" })).json().error).toBe("no_audio");

    const voiced = await as("commune", "PATCH", `/api/v1/admin/bulletins/${b.id}`, { action: "voice" });
    expect(voiced.statusCode, voiced.body).toBe(200);
    const audio = voiced.json().bulletin.audio as { machine: boolean; seconds: number; mp3: string };
    expect(audio.machine).toBe(true);
    const mp3 = await as("commune", "GET", audio.mp3);
    expect(mp3.statusCode).toBe(200);
    expect(mp3.headers["content-type"]).toBe("audio/mpeg");
    expect(mp3.headers["content-disposition"]).toBe(`attachment; filename="ban-tin-${b.id}.mp3"`);
    // The duration shown is the MP3's, as ffprobe reads it.
    expect(Math.abs(duration(mp3.rawPayload, "b.mp3") - audio.seconds)).toBeLessThan(0.6);
    const txt = await as("commune", "GET", `/api/v1/admin/bulletins/${b.id}/script.txt`);
    expect(txt.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(txt.body).toContain("Loại tin: Thông tin thường");
    expect(txt.body).toContain(b.script);

    // A commune's bulletin is ready once its official submits it; another commune's official sees none of it.
    expect((await as("otherCommune", "GET", audio.mp3)).statusCode).toBe(403);
    const done = await as("commune", "PATCH", `/api/v1/admin/bulletins/${b.id}`, { action: "submit" });
    expect(done.json().bulletin).toMatchObject({ status: "approved" });
    const edit = await as("commune", "PATCH", `/api/v1/admin/bulletins/${b.id}`, { action: "edit", title: "x y z", script: b.script, class: "thuong" });
    expect(edit.statusCode).toBe(409);
    const actions = (await t.testDb.db.db.selectFrom("audit_log").select("action").where("target", "=", `bulletin:${b.id}`).orderBy("id").execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["bulletin.create", "bulletin.voice", "bulletin.submit"]);
  }, 120_000);

  it("a province-wide bulletin waits for a second province official; an official's own recording replaces the machine voice", async () => {
    const res = await as("province", "POST", "/api/v1/admin/bulletins", { areaCode: "01", source: { kind: "lesson", lessonId: lesson.id }, class: "khan_cap" });
    const id = res.json().bulletin.id as number;
    expect((await as("commune", "POST", "/api/v1/admin/bulletins", { areaCode: "01", source: { kind: "lesson", lessonId: lesson.id } })).statusCode).toBe(403);
    const wav = join(dir, "read.wav");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=5", "-ac", "1", wav]);
    const rec = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/bulletins/${id}/recording`,
      headers: { authorization: `Bearer ${token.province}`, "content-type": "audio/wav" },
      payload: readFileSync(wav),
    });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json().bulletin.audio).toMatchObject({ machine: false, seconds: expect.closeTo(5, 0) });
    const fake = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/bulletins/${id}/recording`,
      headers: { authorization: `Bearer ${token.province}`, "content-type": "audio/mpeg" },
      payload: "không phải âm thanh",
    });
    expect(fake.json().error).toBe("invalid_audio");
    expect((await as("province", "PATCH", `/api/v1/admin/bulletins/${id}`, { action: "submit" })).json().bulletin.status).toBe("awaiting_approval");
    expect((await as("province", "PATCH", `/api/v1/admin/bulletins/${id}`, { action: "approve" })).statusCode).toBe(403);
    const ok = await as("province2", "PATCH", `/api/v1/admin/bulletins/${id}`, { action: "approve" });
    expect(ok.json().bulletin).toMatchObject({ status: "approved", approvedBy: "550000000000000083", class: "khan_cap" });
    // Whoever submits it is not the second official either: written by one, submitted by another, it waits for a third.
    const other = (await as("province", "POST", "/api/v1/admin/bulletins", { areaCode: "01", source: { kind: "lesson", lessonId: lesson.id } })).json().bulletin
      .id as number;
    await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/bulletins/${other}/recording`,
      headers: { authorization: `Bearer ${token.province2}`, "content-type": "audio/wav" },
      payload: readFileSync(wav),
    });
    expect((await as("province2", "PATCH", `/api/v1/admin/bulletins/${other}`, { action: "submit" })).json().bulletin.status).toBe("awaiting_approval");
    for (const who of ["province", "province2"])
      expect((await as(who, "PATCH", `/api/v1/admin/bulletins/${other}`, { action: "approve" })).statusCode, who).toBe(403);
  }, 120_000);

  it("the week's bulletin of a commune is assembled from the week's news and the lesson of the week, once", async () => {
    const at = clock.now().toISOString();
    await t.testDb.db.db
      .insertInto("campaigns")
      .values({
        title: "Lịch tiêm chủng tháng 12",
        content: JSON.stringify({ text: "Tiêm chủng tại trạm y tế phường sáng thứ Bảy. Xem https://example.org nhé.", buttons: [] }),
        area_code: BA_DINH,
        communes: "[]",
        topics: '["tin-chinh-quyen"]',
        allow_paid: 0,
        budget_vnd: 0,
        use_promotion: 0,
        status: "done",
        created_by: "x",
        created_at: at,
        updated_at: at,
        sent_by: "x",
        sent_at: at,
        scheduled_at: null,
        approved_by: null,
        approved_at: null,
        planned_at: at,
      })
      .execute();
    const list = async (who: string) =>
      ((await as(who, "GET", "/api/v1/admin/bulletins")).json() as { bulletins: { source: { kind: string }; script: string; areaCode: string }[] }).bulletins;
    const mine = (await list("commune")).filter((b) => b.source.kind === "week");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.script).toContain("Tin thứ nhất: Lịch tiêm chủng tháng 12.");
    expect(mine[0]!.script).not.toContain("https://");
    expect(mine[0]!.script).toContain("Bài học của tuần:");
    // Looking again makes no second one; another commune's official does not see it.
    expect((await list("commune")).filter((b) => b.source.kind === "week")).toHaveLength(1);
    expect((await list("otherCommune")).some((b) => b.areaCode === BA_DINH)).toBe(false);
  });
});
