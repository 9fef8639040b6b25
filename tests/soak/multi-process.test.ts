import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../bot-server/src/db/connect.js";
import { migrateToLatest } from "../../bot-server/src/db/migrate.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { MAX_IN_FLIGHT } from "../../bot-server/src/services/campaigns/deliver-batch.js";
import { connectOa, getJson, postJson, signIn, startProcess, startSandbox, type Proc } from "../helpers/cluster.js";
import { POSTGRES_URL } from "../helpers/databases.js";
import { expectedRoutes, followersForPush, seedFollowers } from "../helpers/seed-followers.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Exactly 20,000 of them are within Zalo's 48 hours and get the campaign pushed; the others find it in their inbox. */
const FOLLOWERS = followersForPush(20_000, 0);
/** Low enough that the campaign takes more than a minute: the quota is then really tested, not merely unused. */
const QUOTA_PER_MINUTE = 12_000;
const CONCURRENCY = MAX_IN_FLIGHT;

// Scale-out mode, for real: two web and two worker processes on the machine's PostgreSQL and Redis, one Zalo
// (the sandbox in its own process) with its quota, and one worker killed with SIGKILL in the middle.
describe("two web and two worker processes (PostgreSQL + Redis)", () => {
  const database = `ksc_mp_${randomBytes(4).toString("hex")}`;
  const procs: Proc[] = [];
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop("SIGKILL")));
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it("delivers a campaign to 20,000 followers exactly once (but for the counted in-flight), within one shared quota", async () => {
    const seed = randomBytes(16).toString("hex");
    const { proc: sandbox, zaloEnv } = await startSandbox(seed, { latencyMs: 5, rateLimitPerMinute: QUOTA_PER_MINUTE, proactiveQuota: 0 }); // free replies only
    procs.push(sandbox);
    await admin(`CREATE DATABASE ${database}`);
    const databaseUrl = Object.assign(new URL(POSTGRES_URL), { pathname: `/${database}` }).toString();
    const db = connect(databaseUrl);
    await migrateToLatest(db);
    const communes = loadAreas()
      .communes.filter((c) => c.provinceCode === "79")
      .slice(0, 1);
    await seedFollowers(db.db, { from: 0, count: FOLLOWERS, communes, now: new Date() });
    await db.db
      .insertInto("roles")
      .values({ zalo_user_id: "5500000000000000001", role: "operator", area_code: "", granted_by: "test", granted_at: new Date().toISOString() })
      .execute();
    await db.close();
    await postJson(`${sandbox.url}/sandbox/followers/seed`, { from: 0, count: FOLLOWERS });

    const operatorKey = randomBytes(16).toString("hex");
    const env = {
      ...zaloEnv,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: `ksc-mp-${randomBytes(4).toString("hex")}`,
      OPERATOR_KEY: operatorKey,
      SESSION_SECRET: randomBytes(24).toString("hex"),
      ZALO_RATE_LIMIT_PER_MINUTE: String(QUOTA_PER_MINUTE),
    };
    const [web1, web2, worker1, worker2] = await Promise.all([
      startProcess("bot-server/src/main.ts", env, "/health"),
      startProcess("bot-server/src/main.ts", env, "/health"),
      startProcess("bot-server/src/worker.ts", env, null),
      startProcess("bot-server/src/worker.ts", env, null),
    ]);
    procs.push(web1!, web2!, worker1!, worker2!);
    await connectOa(web1!.url, operatorKey);

    const auth = await signIn(web1!.url, sandbox.url);
    const title = `Tin khẩn ${randomBytes(3).toString("hex")}`;
    const { id } = await postJson<{ id: number }>(
      `${web1!.url}/api/v1/admin/campaigns`,
      { title, text: "Lịch tập huấn VNeID ở nhà văn hóa.", topics: ["an-toan-mang"], areaCode: communes[0]!.code },
      auth,
    );
    await postJson(`${web2!.url}/api/v1/admin/campaigns/${id}/send`, {}, auth);

    const tally = () => postJson<{ recipients: number; messages: number; duplicates: number }>(`${sandbox.url}/sandbox/tally`, { textPrefix: title });
    const want = expectedRoutes(0, FOLLOWERS, 0);
    expect(want.push).toBe(20_000);
    await expect.poll(async () => (await tally()).recipients, { timeout: 120_000, interval: 200 }).toBeGreaterThan(want.push / 4);
    await worker1!.stop("SIGKILL");
    expect((await tally()).recipients).toBeLessThan(want.push);

    // The other worker finishes alone (taking the killed worker's jobs once their locks lapse); stats from web2.
    const stats = () =>
      getJson<{ sent: number; held: number; failed: number; inFlightAtCrash: number; done: boolean }>(`${web2!.url}/api/v1/admin/campaigns/${id}/stats`, auth);
    await expect.poll(async () => (await stats()).done, { timeout: 240_000, interval: 1000 }).toBe(true);
    const s = await stats();
    const t = await tally();
    expect(s).toMatchObject({ sent: want.push, held: want.inbox, failed: 0 });
    expect(t.recipients).toBe(want.push);
    expect(s.inFlightAtCrash).toBeLessThanOrEqual(CONCURRENCY);
    expect(t.duplicates).toBeLessThanOrEqual(s.inFlightAtCrash);

    // The quota held across processes: Zalo never answered -32, and no minute held more than the quota.
    const q = await getJson<{ calls: number; refusedRateLimit: number; peakPerMinute: number; firstCallAt: number; lastCallAt: number }>(
      `${sandbox.url}/sandbox/quota`,
    );
    expect(q.refusedRateLimit).toBe(0);
    expect(q.peakPerMinute).toBeLessThanOrEqual(QUOTA_PER_MINUTE);
    expect(worker2!.child.exitCode).toBeNull();
  }, 420_000);
});
