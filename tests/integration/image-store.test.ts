import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { DIALECTS } from "../helpers/databases.js";
import { manualClock } from "../helpers/fixture.js";
import { phonePhoto } from "../helpers/local-lesson.js";
import { freePort } from "../helpers/net.js";
import { signedInPeople } from "../helpers/officials.js";
import { countOf } from "../helpers/rows.js";

/**
 * IMAGE_STORE=s3: local lessons' photos go to an S3-compatible bucket, their description to the database. The
 * bucket is s3rver, an S3 server of its own (the S3 REST protocol over HTTP, files on disk), not a stand-in written here.
 */
const BUCKET = "ksc-test";
const KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

describe.each(DIALECTS)("photos in an S3-compatible bucket, on %s", (dialect) => {
  let t: TestApp;
  let s3: S3rver;
  let dir: string;
  let endpoint: string;
  const token: Record<string, string> = {};
  const clock = manualClock(new Date("2026-12-02T03:00:00.000Z"));
  const upload = async (body: Buffer) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/admin/local-images?area=00004",
      headers: { authorization: `Bearer ${token.official}`, "content-type": "image/jpeg" },
      payload: body,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "s3rver-"));
    const port = await freePort();
    s3 = new S3rver({ port, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    t = await createTestApp(
      dialect,
      { clock },
      {
        IMAGE_STORE: "s3",
        S3_ENDPOINT: endpoint,
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: KEYS.accessKeyId,
        S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
        S3_PREFIX: "ksc/",
      },
    );
    await t.app.ready();
    Object.assign(
      token,
      await signedInPeople(t, [{ name: "official", zaloUserId: "550000000000000071", role: "commune_official", areaCode: "00004" }], clock.now().toISOString()),
    );
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("stores the photo in the bucket, its description in the database, and serves the bucket's bytes", async () => {
    const res = await upload(await phonePhoto());
    expect(res.statusCode, res.body).toBe(200);
    const img = res.json() as { id: string; url: string; bytes: number };
    const row = await t.testDb.db.db.selectFrom("local_images").select(["data", "byte_size"]).where("id", "=", img.id).executeTakeFirstOrThrow();
    expect(row.data).toBeNull();
    const client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: KEYS });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `ksc/local-images/${img.id}.webp` }));
    const stored = Buffer.from(await object.Body!.transformToByteArray());
    expect(stored.length).toBe(img.bytes);
    expect(object.ContentType).toBe("image/webp");
    const served = await t.app.inject({ url: img.url });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(stored)).toBe(true);
  });

  it("with the bucket down, an upload is refused plainly and nothing is stored", async () => {
    await s3.close();
    const before = await countOf(t.testDb.db.db, "local_images");
    const res = await upload(await phonePhoto(800, 600, "#654321"));
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: "image_store_unavailable", message: "Kho ảnh đang không truy cập được. Vui lòng thử lại sau ít phút." });
    expect(await countOf(t.testDb.db.db, "local_images")).toBe(before);
  });
});
