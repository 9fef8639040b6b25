import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../bot-server/src/db/connect.js";
import { migrateToLatest } from "../../bot-server/src/db/migrate.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { MAX_IN_FLIGHT } from "../../bot-server/src/services/campaigns/deliver-batch.js";
import { connectOa, getJson, postJson, signIn, startProcess, startSandbox, type Proc } from "../helpers/cluster.js";
import { expectedRoutes, seedFollowers } from "../helpers/seed-followers.js";

const FOLLOWERS = 3000;
const CONCURRENCY = MAX_IN_FLIGHT; // deliveries one process has under way at most

interface Stats {
  sent: number;
  held: number;
  failed: number;
  planned: number;
  sending: number;
  inFlightAtCrash: number;
  done: boolean;
}

// Embedded mode, for real: one server process on SQLite, killed with SIGKILL in the middle of a campaign and
// started again. The sandbox runs in a process of its own, so what it received survives the crash.
describe("a server killed mid-campaign (kill -9) and restarted", () => {
  const dir = mkdtempSync(join(tmpdir(), "ksc-crash-"));
  const procs: Proc[] = [];
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    rmSync(dir, { recursive: true, force: true });
  });

  it("completes the campaign; only deliveries in flight at the crash (at most the concurrency) may arrive twice, and they are counted", async () => {
    const seed = randomBytes(16).toString("hex");
    const { proc: sandbox, zaloEnv } = await startSandbox(seed, { latencyMs: 25, proactiveQuota: 0 }); // free replies only: what this test counts
    procs.push(sandbox);
    const databaseUrl = `sqlite:${join(dir, "app.db")}`;
    const db = connect(databaseUrl);
    await migrateToLatest(db);
    const commune = loadAreas().communes.find((c) => c.provinceCode === "01")!;
    await seedFollowers(db.db, { from: 0, count: FOLLOWERS, communes: [commune], now: new Date() });
    await db.db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: new Date().toISOString() })
      .execute();
    await db.close();
    await postJson(`${sandbox.url}/sandbox/followers/seed`, { from: 0, count: FOLLOWERS });

    const operatorKey = randomBytes(16).toString("hex");
    const env = { ...zaloEnv, DATABASE_URL: databaseUrl, OPERATOR_KEY: operatorKey, SESSION_SECRET: randomBytes(24).toString("hex") };
    const start = async () => {
      const p = await startProcess("bot-server/src/main.ts", env, "/health");
      procs.push(p);
      return p;
    };
    let web = await start();
    await connectOa(web.url, operatorKey);
    const auth = await signIn(web.url, sandbox.url);
    const title = `Cảnh báo ${randomBytes(3).toString("hex")}`;
    const { id } = await postJson<{ id: number }>(
      `${web.url}/api/v1/admin/campaigns`,
      { title, text: "Không bấm vào đường link lạ.", topics: ["an-toan-mang"], areaCode: commune.code },
      auth,
    );
    await postJson(`${web.url}/api/v1/admin/campaigns/${id}/send`, {}, auth);

    const tally = () => postJson<{ recipients: number; messages: number; duplicates: number }>(`${sandbox.url}/sandbox/tally`, { textPrefix: title });
    const want = expectedRoutes(0, FOLLOWERS, 0);
    await expect.poll(async () => (await tally()).recipients, { timeout: 60_000, interval: 50 }).toBeGreaterThan(want.push / 3);
    await web.stop("SIGKILL");
    const atCrash = await tally();
    expect(atCrash.recipients).toBeLessThan(want.push);

    web = await start();
    const stats = () => getJson<Stats>(`${web.url}/api/v1/admin/campaigns/${id}/stats`, auth);
    await expect.poll(async () => (await stats()).done, { timeout: 180_000, interval: 500 }).toBe(true);
    const s = await stats();
    const t = await tally();
    // Nobody lost: every follower to push to got it; the rest wait in their inbox.
    expect(s).toMatchObject({ sent: want.push, held: want.inbox, failed: 0, planned: 0, sending: 0 });
    expect(t.recipients).toBe(want.push);
    // Nobody twice, except deliveries caught mid-send by the crash: counted, and no more than the concurrency.
    expect(s.inFlightAtCrash).toBeLessThanOrEqual(CONCURRENCY);
    expect(t.duplicates).toBeLessThanOrEqual(s.inFlightAtCrash);
    expect(t.messages).toBe(want.push + t.duplicates);
  }, 360_000);
});
