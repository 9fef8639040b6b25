import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../bot-server/src/db/connect.js";
import { migrateToLatest } from "../../bot-server/src/db/migrate.js";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { connectOa, getJson, postJson, signIn, startProcess, startSandbox, type Proc } from "../helpers/cluster.js";
import { POSTGRES_URL } from "../helpers/databases.js";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { phonePhoto, sampleLocalLesson } from "../helpers/local-lesson.js";

/** /api/v1/local-images/img-….webp → img-… */
const imgId = (url: string) =>
  url
    .split("/")
    .pop()!
    .replace(/\.webp$/, "");

/** Photos and recordings live in the database: one web process stores them, the other serves the same bytes. */
describe("photos and recordings across two web processes (PostgreSQL)", () => {
  const database = `ksc_media_${randomBytes(4).toString("hex")}`;
  const procs: Proc[] = [];
  let dir: string;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  beforeAll(() => {
    ensureDebianTools({ "espeak-ng": "espeak-ng", ffmpeg: "ffmpeg", ffprobe: "ffmpeg" });
    dir = mkdtempSync(join(tmpdir(), "shared-media-"));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("a photo, a recorded step and a local lesson's machine voice stored through one process are served by the other", async () => {
    const seed = randomBytes(16).toString("hex");
    const { proc: sandbox, zaloEnv } = await startSandbox(seed);
    procs.push(sandbox);
    await admin(`CREATE DATABASE ${database}`);
    const databaseUrl = Object.assign(new URL(POSTGRES_URL), { pathname: `/${database}` }).toString();
    const db = connect(databaseUrl);
    await migrateToLatest(db);
    await db.db
      .insertInto("roles")
      .values([
        { zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: new Date().toISOString() },
        { zalo_user_id: "5500000000000000002", role: "commune_official", area_code: "00004", granted_by: "test", granted_at: new Date().toISOString() },
      ])
      .execute();
    await db.close();
    const operatorKey = randomBytes(16).toString("hex");
    const env = { ...zaloEnv, DATABASE_URL: databaseUrl, OPERATOR_KEY: operatorKey, SESSION_SECRET: randomBytes(24).toString("hex") };
    const [web1, web2] = await Promise.all([startProcess("bot-server/src/main.ts", env, "/health"), startProcess("bot-server/src/main.ts", env, "/health")]);
    procs.push(web1!, web2!);
    await connectOa(web1!.url, operatorKey);
    const auth = await signIn(web1!.url, sandbox.url);

    const up = await fetch(`${web1!.url}/api/v1/admin/local-images?area=00004`, {
      method: "POST",
      headers: { ...auth, "content-type": "image/jpeg" },
      body: new Uint8Array(await phonePhoto()),
    });
    expect(up.status, await up.clone().text()).toBe(200);
    const img = (await up.json()) as { url: string; bytes: number };
    const fromOne = Buffer.from(await (await fetch(`${web1!.url}${img.url}`)).arrayBuffer());
    const fromTwo = await fetch(`${web2!.url}${img.url}`);
    expect(fromTwo.status).toBe(200);
    expect(fromTwo.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await fromTwo.arrayBuffer()).equals(fromOne)).toBe(true);
    expect(fromOne.length).toBe(img.bytes);

    const lesson = loadCourseOrThrow().lessons[0]!;
    const wav = join(dir, "step.wav");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ac", "1", wav]);
    const rec = await fetch(`${web1!.url}/api/v1/admin/lessons/${lesson.id}/steps/1/recording`, {
      method: "POST",
      headers: { ...auth, "content-type": "audio/wav" },
      body: new Uint8Array(readFileSync(wav)),
    });
    expect(rec.status, await rec.clone().text()).toBe(200);
    const list = await getJson<{ steps: { machine: boolean; seconds: number | null; mp3: string }[] }>(`${web2!.url}/api/v1/lessons/${lesson.id}/audio`);
    expect(list.steps[0]).toMatchObject({ machine: false });
    expect(Math.abs(list.steps[0]!.seconds! - 3)).toBeLessThan(0.5);
    const mp3 = await fetch(`${web2!.url}${list.steps[0]!.mp3}`);
    expect(mp3.status).toBe(200);
    expect(mp3.headers.get("content-type")).toBe("audio/mpeg");
    const file = join(dir, "served.mp3");
    writeFileSync(file, Buffer.from(await mp3.arrayBuffer()));
    const seconds = Number(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], { encoding: "utf8" }).trim());
    expect(Math.abs(seconds - 3)).toBeLessThan(0.5);

    // A local lesson with that photo, written through one process and approved through the other: the machine voice
    // made for its steps by the second is served by the first.
    const second = await signIn(web2!.url, sandbox.url, 1);
    const created = await postJson<{ lesson: { id: string } }>(
      `${web1!.url}/api/v1/admin/local-lessons`,
      { areaCode: "00004", content: sampleLocalLesson(imgId(img.url)) },
      auth,
    );
    const id = created.lesson.id;
    const patch = (base: string, headers: Record<string, string>, body: object) =>
      fetch(`${base}/api/v1/admin/local-lessons/${id}`, {
        method: "PATCH",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await patch(web1!.url, auth, { action: "submit", version: 1 })).status).toBe(200);
    expect((await patch(web2!.url, second, { action: "approve", version: 1 })).status).toBe(200);
    const local = await getJson<{ steps: { machine: boolean; seconds: number | null; ogg: string }[] }>(`${web2!.url}/api/v1/lessons/${id}/audio`);
    expect(local.steps.every((s) => s.machine && s.seconds !== null)).toBe(true);
    const clip = await fetch(`${web1!.url}${local.steps[0]!.ogg}`);
    expect(clip.status).toBe(200);
    expect(
      Buffer.from(await clip.arrayBuffer())
        .subarray(0, 4)
        .toString("latin1"),
    ).toBe("OggS");
    const shown = await getJson<{ lessons: { lesson: { steps: { image?: string }[] } }[] }>(`${web1!.url}/api/v1/local-lessons?commune=00004`);
    expect(shown.lessons[0]!.lesson.steps.some((s) => s.image === img.url)).toBe(true);
  }, 180_000);
});
