/**
 * npm run bench:broadcast -- --subscribers 1000000 [--modes embedded,scale-out,quota] [--quota-minutes 2]
 *
 * Seeds synthetic followers (varied last interaction, communes of one province, topics, some unfollowed or with
 * news off) into the app's database and the sandbox (its own process), then one province-wide campaign is sent,
 * approved by a second official, planned and delivered to the sandbox with its rate limit lifted:
 *   - embedded: one server process on SQLite, jobs in a table;
 *   - scale-out: one web and two worker processes on PostgreSQL and Redis (BullMQ).
 * Measured: planning seconds (approval → every delivery row written), deliveries per second (the sandbox's first to
 * last accepted call), peak memory of each process (VmHWM), duplicates and lost deliveries; embedded also runs at a
 * tenth of the audience, to show memory does not grow with it. Then, in scale-out mode, the sandbox at Zalo's 4,000
 * calls a minute: the measured rate and the -32 answers. Zalo's rules hold throughout (free replies within 48 h,
 * the package's proactive quota for 2–7 days, the rest in inboxes): each run reports how Zalo counted the sends.
 * --preexisting N: an OA whose N followers all followed before the server existed (never a `follow` event; the
 * app knows them only as subscribed in the chat): the follower import at start (getlist by period + user/detail),
 * then one campaign — import seconds and calls, and how many of those Zalo's rules allow were reached.
 * The sandbox's own speed (autocannon posting messages straight to it) is the baseline. The last line is one JSON object.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import autocannon from "autocannon";
import pg from "pg";
import { connect, type Db } from "../../bot-server/src/db/connect.js";
import { migrateToLatest } from "../../bot-server/src/db/migrate.js";
import { sandboxIdentity } from "../../bot-server/src/sandbox/identity.js";
import { syntheticId } from "../../bot-server/src/sandbox/synthetic.js";
import { loadAreas } from "../../bot-server/src/services/areas.js";
import { oauthClient, pkcePair } from "../../bot-server/src/zalo/oauth-client.js";
import { connectOa, getJson, postJson, signIn, startProcess, startSandbox, type Proc } from "../helpers/cluster.js";
import { POSTGRES_URL } from "../helpers/databases.js";
import { expectedRoutes, seedFollowers } from "../helpers/seed-followers.js";

const { values: args } = parseArgs({
  options: {
    subscribers: { type: "string", default: "1000000" },
    modes: { type: "string", default: "embedded,scale-out,quota" },
    "quota-minutes": { type: "string", default: "2" },
    "bare-seconds": { type: "string", default: "10" },
    preexisting: { type: "string", default: "30000" },
  },
});
const N = Number(args.subscribers);
const MODES = args.modes!.split(",") as ("embedded" | "scale-out" | "quota")[];
const QUOTA_MINUTES = Number(args["quota-minutes"]);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const LIFTED = 1_000_000_000; // the sandbox's limit, lifted; the app then runs with no limiter (ZALO_RATE_LIMIT_PER_MINUTE=0)
const PROVINCE = "01"; // Hà Nội
const OPERATORS = ["5500000000000000001", "5500000000000000002"];

const log = (msg: string) => process.stderr.write(`[bench:broadcast ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (kb: number) => Math.round(kb / 1024);

/** Peak resident memory of a process so far, in kB (Linux keeps the high-water mark). */
function peakRssKb(p: Proc): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.child.pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

interface Quota {
  calls: number;
  refusedRateLimit: number;
  peakPerMinute: number;
  firstCallAt: number;
  lastCallAt: number;
}

/** A database with the followers and two operators in it: a SQLite file, or a new PostgreSQL database. */
async function prepareDatabase(mode: "embedded" | "scale-out", count: number, unknownFollow = false): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  let url: string;
  let drop: () => Promise<void>;
  if (mode === "embedded") {
    const dir = mkdtempSync(join(tmpdir(), "ksc-bench-"));
    url = `sqlite:${join(dir, "app.db")}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `ksc_bench_${randomBytes(4).toString("hex")}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`CREATE DATABASE ${name}`);
    url = Object.assign(new URL(POSTGRES_URL), { pathname: `/${name}` }).toString();
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const db = connect(url);
  await migrateToLatest(db);
  const communes = loadAreas().communes.filter((c) => c.provinceCode === PROVINCE);
  const t = Date.now();
  await seedFollowers(db.db, { from: 0, count, communes, now: new Date(), batch: mode === "embedded" ? 1000 : 2000, unknownFollow });
  if (mode === "scale-out") await sql`ANALYZE`.execute(db.db);
  log(`${mode}: ${count} followers seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const now = new Date().toISOString();
  await db.db
    .insertInto("roles")
    .values(OPERATORS.map((id) => ({ zalo_user_id: id, role: "operator" as const, area_code: "", granted_by: "bench", granted_at: now })))
    .execute();
  return { url, db, drop };
}

interface Run {
  subscribers: number;
  planningS: number;
  deliveriesPerSec: number;
  deliveries: number;
  peakMemoryMb: Record<string, number>;
  duplicates: number;
  lost: number;
  inFlightAtCrash: number;
  rateLimitPerMinute?: number;
  measuredPerMinute?: number;
  refusedRateLimit?: number;
  peakPerMinute?: number;
  /** How Zalo counted the sends (quota_type), and planned vs actual cost (VND). */
  byQuotaType?: Record<string, number>;
  plannedCostVnd?: number;
  costVnd?: number;
  heldForQuota?: number;
}

/** One campaign, end to end, in one mode; `quotaPerMinute` set: stop after that many minutes and read the rate. */
async function runCampaign(mode: "embedded" | "scale-out", count: number, quotaPerMinute: number | null): Promise<Run> {
  const procs: Proc[] = [];
  const seed = randomBytes(16).toString("hex");
  const store = await prepareDatabase(mode, count);
  try {
    const { proc: sandbox, zaloEnv } = await startSandbox(seed, { rateLimitPerMinute: quotaPerMinute ?? LIFTED });
    procs.push(sandbox);
    for (let from = 0; from < count; from += 1_000_000)
      await postJson(`${sandbox.url}/sandbox/followers/seed`, { from, count: Math.min(1_000_000, count - from) });
    const operatorKey = randomBytes(16).toString("hex");
    const env: Record<string, string> = {
      ...zaloEnv,
      DATABASE_URL: store.url,
      OPERATOR_KEY: operatorKey,
      SESSION_SECRET: randomBytes(24).toString("hex"),
      ZALO_RATE_LIMIT_PER_MINUTE: String(quotaPerMinute ?? 0),
      ...(mode === "scale-out" ? { REDIS_URL, REDIS_PREFIX: `ksc-bench-${randomBytes(4).toString("hex")}` } : {}),
    };
    const web = await startProcess("bot-server/src/main.ts", env, "/health", {
      nodeArgs: process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
    });
    procs.push(web);
    const workers =
      mode === "scale-out" ? await Promise.all([startProcess("bot-server/src/worker.ts", env, null), startProcess("bot-server/src/worker.ts", env, null)]) : [];
    procs.push(...workers);
    await connectOa(web.url, operatorKey);
    const author = await signIn(web.url, sandbox.url, 0);
    const approver = await signIn(web.url, sandbox.url, 1);
    const title = `Bản tin ${randomBytes(3).toString("hex")}`;
    const { id } = await postJson<{ id: number }>(
      `${web.url}/api/v1/admin/campaigns`,
      { title, text: "Cảnh giác với cuộc gọi giả danh công an.", topics: ["an-toan-mang"], areaCode: PROVINCE },
      author,
    );
    await postJson(`${web.url}/api/v1/admin/campaigns/${id}/send`, {}, author);
    const want = expectedRoutes(0, count);
    const rows = want.push + want.inbox;
    const t0 = Date.now();
    await postJson(`${web.url}/api/v1/admin/campaigns/${id}/approve`, {}, approver);

    let planningS = 0;
    const quota = () => getJson<Quota>(`${sandbox.url}/sandbox/quota`);
    const deadline = quotaPerMinute ? null : t0 + 3 * 3600_000;
    for (let lastLog = Date.now(); ;) {
      await sleep(500);
      if (!planningS) {
        const r = await store.db.db
          .selectFrom("deliveries")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("campaign_id", "=", id)
          .executeTakeFirstOrThrow();
        if (Number(r.n) >= rows) {
          planningS = (Date.now() - t0) / 1000;
          log(`${mode}: ${rows} deliveries planned in ${planningS.toFixed(1)} s`);
        }
      }
      const q = await quota();
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(`${mode}: ${q.calls}/${want.push} sent`);
      }
      if (quotaPerMinute ? q.firstCallAt && q.lastCallAt - q.firstCallAt >= QUOTA_MINUTES * 60_000 : q.calls >= want.push && planningS) break;
      if (deadline && Date.now() > deadline) throw new Error(`${mode}: not finished after 3 hours`);
    }
    const q = await quota();
    const peakMemoryMb = Object.fromEntries([["web", mb(peakRssKb(web))], ...workers.map((w, i) => [`worker${i + 1}`, mb(peakRssKb(w))])]);
    const elapsedMs = Math.max(1, q.lastCallAt - q.firstCallAt);
    const measured = ((q.calls - 1) / elapsedMs) * 60_000;
    if (quotaPerMinute) {
      return {
        subscribers: count,
        planningS,
        deliveries: q.calls,
        deliveriesPerSec: Math.round(measured / 60),
        peakMemoryMb,
        duplicates: 0,
        lost: 0,
        inFlightAtCrash: 0,
        rateLimitPerMinute: quotaPerMinute,
        measuredPerMinute: Math.round(measured),
        refusedRateLimit: q.refusedRateLimit,
        peakPerMinute: q.peakPerMinute,
      };
    }
    const tally = await postJson<{ recipients: number; messages: number; duplicates: number }>(`${sandbox.url}/sandbox/tally`, { textPrefix: title });
    const stats = await getJson<{
      sent: number;
      inFlightAtCrash: number;
      byQuotaType: Record<string, number>;
      plannedCostVnd: number;
      costVnd: number;
      heldForQuota: number;
    }>(`${web.url}/api/v1/admin/campaigns/${id}/stats`, author);
    return {
      subscribers: count,
      planningS: Math.round(planningS * 10) / 10,
      deliveries: tally.messages,
      deliveriesPerSec: Math.round(((q.calls - 1) / elapsedMs) * 1000),
      peakMemoryMb,
      duplicates: tally.duplicates,
      lost: want.push - tally.recipients + (want.push - stats.sent),
      inFlightAtCrash: stats.inFlightAtCrash,
      byQuotaType: stats.byQuotaType,
      plannedCostVnd: stats.plannedCostVnd,
      costVnd: stats.costVnd,
      heldForQuota: stats.heldForQuota,
    };
  } finally {
    // SIGTERM: a clean stop, so that a CPU profile (BENCH_CPU_PROF=<dir>) gets written.
    await Promise.all(procs.map((p) => p.stop("SIGTERM")));
    await store.db.close();
    await store.drop();
  }
}

/**
 * An OA in use long before this server: every follower followed earlier and the app knows them only as subscribed in
 * the chat (follow state unknown). The web process imports them at start (FOLLOWER_IMPORT_HOURS), then one campaign.
 */
async function runPreexisting(count: number): Promise<Record<string, unknown>> {
  const procs: Proc[] = [];
  const seed = randomBytes(16).toString("hex");
  const store = await prepareDatabase("embedded", count, true);
  try {
    const { proc: sandbox, zaloEnv } = await startSandbox(seed, { rateLimitPerMinute: LIFTED });
    procs.push(sandbox);
    await postJson(`${sandbox.url}/sandbox/followers/seed`, { from: 0, count });
    const operatorKey = randomBytes(16).toString("hex");
    const env = {
      ...zaloEnv,
      DATABASE_URL: store.url,
      OPERATOR_KEY: operatorKey,
      SESSION_SECRET: randomBytes(24).toString("hex"),
      ZALO_RATE_LIMIT_PER_MINUTE: "0",
      FOLLOWER_IMPORT_HOURS: "24",
    };
    const web = await startProcess("bot-server/src/main.ts", env, "/health");
    procs.push(web);
    const calls0 = (await getJson<Quota>(`${sandbox.url}/sandbox/quota`)).calls;
    const t0 = Date.now();
    await connectOa(web.url, operatorKey); // the import starts once the OA is connected
    let imported: { followers: number; detailed: number; unreachable: number; lists: Record<string, { total: number; listed: number }> } | null = null;
    while (!imported) {
      await sleep(250);
      const row = await store.db.db.selectFrom("oa_state").select("value").where("key", "=", "followers_import").executeTakeFirst();
      if (row) imported = JSON.parse(row.value);
      if (Date.now() - t0 > 3600_000) throw new Error("preexisting: the import did not finish in an hour");
    }
    const importS = (Date.now() - t0) / 1000;
    const importCalls = (await getJson<Quota>(`${sandbox.url}/sandbox/quota`)).calls - calls0;
    log(`preexisting: ${imported.followers} of ${count} followers imported in ${importS.toFixed(1)} s (${importCalls} calls)`);
    const author = await signIn(web.url, sandbox.url, 0);
    const approver = await signIn(web.url, sandbox.url, 1);
    const title = `Tin cũ ${randomBytes(3).toString("hex")}`;
    const { id } = await postJson<{ id: number }>(
      `${web.url}/api/v1/admin/campaigns`,
      { title, text: "Lịch tiêm phòng.", topics: ["an-toan-mang"], areaCode: PROVINCE },
      author,
    );
    await postJson(`${web.url}/api/v1/admin/campaigns/${id}/send`, {}, author);
    await postJson(`${web.url}/api/v1/admin/campaigns/${id}/approve`, {}, approver);
    const want = expectedRoutes(0, count);
    let stats: {
      done: boolean;
      sent: number;
      held: number;
      failed: number;
      failedByCode: Record<string, number>;
      heldForQuota: number;
      byQuotaType: Record<string, number>;
    } = { done: false, sent: 0, held: 0, failed: 0, failedByCode: {}, heldForQuota: 0, byQuotaType: {} };
    const t1 = Date.now();
    // Done once planned (the unknown are asked about first) and every delivery settled: the campaign says so.
    while ((await getJson<{ status: string }>(`${web.url}/api/v1/admin/campaigns/${id}`, author)).status !== "done") {
      await sleep(500);
      if (Date.now() - t1 > 3600_000) throw new Error("preexisting: the campaign did not finish in an hour");
    }
    stats = await getJson(`${web.url}/api/v1/admin/campaigns/${id}/stats`, author);
    const tally = await postJson<{ recipients: number; duplicates: number }>(`${sandbox.url}/sandbox/tally`, { textPrefix: title });
    return {
      followers: count,
      imported: imported.followers,
      importS: Math.round(importS * 10) / 10,
      importCalls,
      detailCalls: imported.detailed,
      notInZalosLists: imported.unreachable,
      lists: imported.lists,
      campaignS: Math.round((Date.now() - t1) / 100) / 10,
      allowedByZalosRules: want.push,
      reached: tally.recipients,
      duplicates: tally.duplicates,
      byQuotaType: stats.byQuotaType,
      held: stats.held,
      heldForQuota: stats.heldForQuota,
      failed: stats.failed,
      heldByCode: Object.fromEntries(
        (
          await store.db.db
            .selectFrom("deliveries")
            .select((eb) => ["error_code", eb.fn.countAll<number>().as("n")])
            .where("campaign_id", "=", id)
            .where("state", "=", "held")
            .groupBy("error_code")
            .execute()
        ).map((r) => [String(r.error_code), Number(r.n)]),
      ),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop("SIGTERM")));
    await store.db.close();
    await store.drop();
  }
}

/** The baseline: the sandbox's own speed, messages posted straight to it with autocannon (keep-alive, 32 at a time). */
async function bare(seconds: number): Promise<{ deliveriesPerSec: number }> {
  const seed = randomBytes(16).toString("hex");
  const { proc } = await startSandbox(seed, { rateLimitPerMinute: LIFTED });
  try {
    await postJson(`${proc.url}/sandbox/followers/seed`, { from: 0, count: 1000 });
    const id = sandboxIdentity(seed);
    const oauth = oauthClient({ baseUrl: `${proc.url}/sandbox/oauth`, appId: id.appId, appSecret: id.appSecret });
    const { verifier, challenge } = pkcePair();
    const res = await fetch(oauth.authorizeUrl("http://127.0.0.1/cb", challenge, "s"), { redirect: "manual" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const { accessToken } = await oauth.exchangeCode(code, verifier);
    const r = await autocannon({
      url: `${proc.url}/sandbox/openapi/v3.0/oa/message/cs`,
      method: "POST",
      connections: 32,
      duration: seconds,
      headers: { access_token: accessToken, "content-type": "application/json" },
      body: JSON.stringify({ recipient: { user_id: syntheticId(7) }, message: { text: "Bare" } }),
    });
    if (r.non2xx > 0) throw new Error(`bare: ${r.non2xx} answers were not 2xx`);
    return { deliveriesPerSec: Math.round(r.requests.average) };
  } finally {
    await proc.stop("SIGKILL");
  }
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = { bench: "broadcast", subscribers: N };
  const bareRun = await bare(Number(args["bare-seconds"]));
  log(`bare: ${bareRun.deliveriesPerSec} calls/s straight to the sandbox`);
  result.bare = bareRun;
  for (const mode of MODES.filter((m): m is "embedded" | "scale-out" => m !== "quota")) {
    const runs: Run[] = [];
    if (mode === "embedded" && N >= 10_000) runs.push(await runCampaign(mode, Math.round(N / 10), null));
    runs.push(await runCampaign(mode, N, null));
    const main = runs.at(-1)!;
    log(`${mode}: ${JSON.stringify(main)}`);
    result[mode] = {
      ...main,
      ratioToBare: Math.round((main.deliveriesPerSec / bareRun.deliveriesPerSec) * 1000) / 1000,
      ...(runs.length > 1 ? { atTenth: { subscribers: runs[0]!.subscribers, planningS: runs[0]!.planningS, peakMemoryMb: runs[0]!.peakMemoryMb } } : {}),
    };
  }
  if (Number(args.preexisting) > 0) {
    result.preexisting = await runPreexisting(Number(args.preexisting));
    log(`preexisting: ${JSON.stringify(result.preexisting)}`);
  }
  if (QUOTA_MINUTES > 0 && MODES.includes("quota")) {
    const q = await runCampaign("scale-out", Math.max(20_000, Math.ceil((4000 * (QUOTA_MINUTES + 1)) / 0.75)), 4000);
    log(`quota: ${JSON.stringify(q)}`);
    result.quota4000 = {
      rateLimitPerMinute: 4000,
      measuredPerMinute: q.measuredPerMinute,
      withinPercent: Math.round((1 - q.measuredPerMinute! / 4000) * 10_000) / 100,
      refusedRateLimit: q.refusedRateLimit,
      peakPerMinute: q.peakPerMinute,
      minutes: QUOTA_MINUTES,
    };
  }
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
