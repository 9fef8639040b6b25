import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepSpeech } from "../../shared/lib/speech-text.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { fixtureCourse } from "../helpers/fixture.js";
import { signedInPeople } from "../helpers/officials.js";

/**
 * Every step can be heard: the machine voice (espeak-ng) makes a step's clip on demand, once, into the database;
 * the files are checked with ffprobe (Debian's ffmpeg), not with the code that wrote them.
 */
const course = fixtureCourse();
const lesson = course.lessons[0]!;
let dir: string;

beforeAll(() => {
  ensureDebianTools({ "espeak-ng": "espeak-ng", ffmpeg: "ffmpeg", ffprobe: "ffmpeg" });
  dir = mkdtempSync(join(tmpdir(), "audio-"));
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function probe(bytes: Buffer, name: string): { codec: string; channels: number; seconds: number } {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const out = JSON.parse(
    execFileSync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,channels:format=duration", "-of", "json", file], { encoding: "utf8" }),
  ) as { streams: { codec_name: string; channels: number }[]; format: { duration: string } };
  return { codec: out.streams[0]!.codec_name, channels: out.streams[0]!.channels, seconds: Number(out.format.duration) };
}

describe.each(DIALECTS)("step audio on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { course });
    await t.app.ready();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists a lesson's steps with their audio files, available to make by the machine voice", async () => {
    const res = await t.app.inject({ url: `/api/v1/lessons/${lesson.id}/audio` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { steps: { step: number; available: boolean; ogg: string; mp3: string; machine: boolean; seconds: number | null }[] };
    expect(body.steps.map((s) => s.step)).toEqual(lesson.steps.map((_, i) => i));
    expect(body.steps.every((s) => s.available && s.machine && s.seconds === null)).toBe(true);
    expect(new Set(body.steps.map((s) => s.ogg)).size).toBe(lesson.steps.length);
    expect((await t.app.inject({ url: "/api/v1/lessons/khong-co-bai-nay/audio" })).statusCode).toBe(404);
  });

  it("makes a step's clip once: Opus and MP3, mono, as long as the text, cached for a year; then serves it from the database", async () => {
    const { steps } = (await t.app.inject({ url: `/api/v1/lessons/${lesson.id}/audio` })).json() as { steps: { ogg: string; mp3: string }[] };
    const ogg = await t.app.inject({ url: steps[0]!.ogg });
    expect(ogg.statusCode, ogg.body).toBe(200);
    expect(ogg.headers["content-type"]).toBe("audio/ogg");
    expect(ogg.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const o = probe(ogg.rawPayload, "step.ogg");
    expect(o).toMatchObject({ codec: "opus", channels: 1 });
    // About two to four words a second: a clip of the whole step, not of a fragment.
    const words = stepSpeech(lesson.steps[0]!, course.pronunciation).split(/\s+/).length;
    expect(o.seconds).toBeGreaterThan(words / 4);
    expect(o.seconds).toBeLessThan(words / 1.2);
    const mp3 = await t.app.inject({ url: steps[0]!.mp3 });
    expect(mp3.headers["content-type"]).toBe("audio/mpeg");
    expect(probe(mp3.rawPayload, "step.mp3")).toMatchObject({ codec: "mp3", channels: 1 });
    const rows = await t.testDb.db.db.selectFrom("audio_clips").select(["key", "seconds", "machine"]).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: steps[0]!.ogg.match(/([0-9a-f]{20})\.ogg$/)![1], machine: 1 });
    // Asked again: the same bytes, no second clip.
    expect((await t.app.inject({ url: steps[0]!.ogg })).rawPayload.equals(ogg.rawPayload)).toBe(true);
    expect(await t.testDb.db.db.selectFrom("audio_clips").select("key").execute()).toHaveLength(1);
    const listed = (await t.app.inject({ url: `/api/v1/lessons/${lesson.id}/audio` })).json() as { steps: { seconds: number | null; bytes: number | null }[] };
    expect(listed.steps[0]).toMatchObject({ seconds: expect.any(Number), bytes: ogg.rawPayload.length });
  }, 60_000);

  it("refuses a key that is no step of the course (404) and a malformed one (400), and stores nothing", async () => {
    const before = await t.testDb.db.db.selectFrom("audio_clips").select("key").execute();
    expect((await t.app.inject({ url: `/api/v1/audio/${"0".repeat(20)}.ogg` })).statusCode).toBe(404);
    for (const bad of ["abc.ogg", `${"0".repeat(20)}.wav`, `${"0".repeat(20)}`, `..%2F..%2Fetc%2Fpasswd.ogg`]) {
      const res = await t.app.inject({ url: `/api/v1/audio/${bad}` });
      expect([400, 404], `${bad}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await t.testDb.db.db.selectFrom("audio_clips").select("key").execute()).toEqual(before);
  });

  describe("a person's recording", () => {
    const token: Record<string, string> = {};
    const tone = (seconds: number, name: string, extra: string[] = []) => {
      const file = join(dir, name);
      execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`, "-ac", "1", ...extra, file]);
      return readFileSync(file);
    };
    const upload = (who: string, body: Buffer | string, type = "audio/wav", step = 2) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/admin/lessons/${lesson.id}/steps/${step}/recording`,
        headers: { authorization: `Bearer ${token[who]}`, "content-type": type },
        payload: body,
      });
    const listed = async () =>
      ((await t.app.inject({ url: `/api/v1/lessons/${lesson.id}/audio` })).json() as { steps: { ogg: string; machine: boolean; seconds: number | null }[] })
        .steps;
    const counts = async () => ({
      clips: (await t.testDb.db.db.selectFrom("audio_clips").select("key").execute()).length,
      recordings: await t.testDb.db.db.selectFrom("step_recordings").selectAll().execute(),
    });

    beforeAll(async () => {
      const people = [
        { name: "operator", zaloUserId: "550000000000000091", role: "operator" },
        { name: "official", zaloUserId: "550000000000000092", role: "province_official", areaCode: "01" },
      ] as const;
      Object.assign(token, await signedInPeople(t, [...people], new Date().toISOString()));
    });

    it("replaces the machine voice for that step: mono Opus, loudness made even, audited; taken away, the machine voice is back", async () => {
      const machine = (await listed())[1]!;
      const res = await upload("operator", tone(3, "tone.wav"));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ lessonId: lesson.id, step: 1 });
      expect(res.json().seconds).toBeCloseTo(3, 0);
      const now = (await listed())[1]!;
      expect(now).toMatchObject({ machine: false, seconds: expect.closeTo(3, 0) });
      expect(now.ogg).not.toBe(machine.ogg);
      const ogg = await t.app.inject({ url: now.ogg });
      expect(probe(ogg.rawPayload, "rec.ogg")).toMatchObject({ codec: "opus", channels: 1, seconds: expect.closeTo(3, 0) });
      // A phone's browser records WebM/Opus: taken as well, and replaces the first.
      expect((await upload("operator", tone(2, "tone.webm", ["-c:a", "libopus"]), "audio/webm")).statusCode).toBe(200);
      expect((await listed())[1]!.seconds).toBeCloseTo(2, 0);
      const removed = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/admin/lessons/${lesson.id}/steps/2/recording`,
        headers: { authorization: `Bearer ${token.operator}` },
      });
      expect(removed.statusCode, removed.body).toBe(200);
      expect((await listed())[1]).toMatchObject({ machine: true, ogg: machine.ogg });
      const audit = await t.testDb.db.db
        .selectFrom("audit_log")
        .select(["action", "target"])
        .where("target", "=", `lesson:${lesson.id}/step:2`)
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.action)).toEqual(["recording.set", "recording.set", "recording.remove"]);
    }, 60_000);

    it("is no longer used once the step's text changes: the machine voice reads the new text", async () => {
      expect((await upload("operator", tone(2, "tone2.wav"))).statusCode).toBe(200);
      expect((await listed())[1]!.machine).toBe(false);
      await t.testDb.db.db
        .updateTable("step_recordings")
        .set({ text_key: "0".repeat(20) })
        .execute();
      expect((await listed())[1]!.machine).toBe(true);
      await t.testDb.db.db.deleteFrom("step_recordings").execute();
    }, 60_000);

    it("refuses what is not a recording, too long or too short, too big, someone not the operator, a step that does not exist — and keeps nothing", async () => {
      const before = await counts();
      const png = Buffer.from(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6360000002000154a24f5d0000000049454e44ae426082",
        "hex",
      );
      for (const [who, body, type, status, error, step] of [
        ["operator", "Đây là chữ, không phải âm thanh", "audio/ogg", 400, "invalid_audio", 2],
        ["operator", png, "audio/mpeg", 400, "invalid_audio", 2],
        ["operator", tone(200, "long.wav", ["-ar", "8000"]), "audio/wav", 400, "audio_too_long", 2],
        ["operator", tone(0.3, "short.wav"), "audio/wav", 400, "audio_too_short", 2],
        ["operator", Buffer.alloc(8 * 1024 * 1024 + 10), "audio/wav", 413, "body_too_large", 2],
        ["official", tone(2, "ok.wav"), "audio/wav", 403, "forbidden_area", 2],
        ["operator", tone(2, "ok.wav"), "audio/wav", 404, "step_not_found", 20],
      ] as const) {
        const res = await upload(who, body, type, step);
        expect(res.statusCode, `${error}: ${res.body}`).toBe(status);
        expect(res.json().error).toBe(error);
        expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      }
      expect(await counts()).toEqual(before);
    }, 60_000);
  });
});
