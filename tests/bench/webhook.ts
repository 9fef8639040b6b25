/**
 * npm run bench:webhook — signed Zalo events (user_send_text, a new msg_id each) sent with autocannon at rising
 * rates to POST /webhooks/zalo of the real server on SQLite in sandbox mode (the bot answers every one of them in
 * the background), and to a bare Fastify route in the same run. The last line is one JSON object: events/s,
 * p99 acknowledgement latency per rate, and the ratio of the maximum throughput to the bare route's.
 * BENCH_WORKERS=off measures the acknowledgement alone: events are stored and queued, and no worker in the same
 * process answers them (as with web and worker processes apart, scale-out mode).
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startServer, stopServer } from "./processes.js";

const STEP_S = Number(process.env.BENCH_DURATION ?? 8);
const RATES = (process.env.BENCH_RATES ?? "250,500,1000,2000").split(",").map(Number);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Step {
  targetRate: number | null;
  eventsPerSec: number;
  p99Ms: number;
  non2xx: number;
}

interface Signer {
  appId: string;
  oaId: string;
  secret: string;
}

/** A user_send_text event as Zalo sends it, signed over the exact bytes sent. */
function signedEvent(s: Signer, n: number): { body: string; signature: string } {
  const userId = `77${String(1_000_000_000_000_000 + (n % 500)).slice(1)}`;
  const timestamp = String(Date.now());
  const body = JSON.stringify({
    app_id: s.appId,
    user_id_by_app: `55${userId.slice(2)}`,
    event_name: "user_send_text",
    timestamp,
    sender: { id: userId },
    recipient: { id: s.oaId },
    message: { msg_id: randomUUID().replace(/-/g, ""), text: "xin chao" },
  });
  const signature = createHash("sha256")
    .update(s.appId + body + timestamp + s.secret)
    .digest("hex");
  return { body, signature };
}

function run(url: string, path: string, seconds: number, rate: number | null, signer: Signer | null): Promise<Step> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        // autocannon's rate limit with many connections sends in bursts and inflates latency, even on the bare
        // route: rated steps use about one connection per 50 events/s.
        connections: rate ? Math.max(2, Math.min(CONNECTIONS, Math.round(rate / 50))) : CONNECTIONS,
        duration: seconds,
        ...(rate ? { overallRate: rate } : {}),
        requests: [
          {
            method: "POST",
            path,
            setupRequest: (req) => {
              if (!signer) return { ...req, headers: { "content-type": "application/json" }, body: JSON.stringify({ n: n++ }) };
              const e = signedEvent(signer, n++);
              return { ...req, headers: { "content-type": "application/json", "x-zevent-signature": `mac=${e.signature}` }, body: e.body };
            },
          },
        ],
      },
      (err, r) =>
        err ? reject(err) : resolve({ targetRate: rate, eventsPerSec: Math.round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx + r.errors }),
    );
  });
}

async function main(): Promise<void> {
  // The bare route gets the same signed events, so the load generator (on the same two cores) costs the same.
  const dummy: Signer = { appId: "3100000000000000001", oaId: "3100000000000000003", secret: "bench-secret-key-0000" };
  const bare = await startServer("tests/bench/bare-server.ts", {}, { path: "/bare", method: "POST" });
  let bareMax: Step;
  let bareAt1000: Step;
  try {
    await run(bare.url, "/bare", 2, null, dummy);
    bareAt1000 = await run(bare.url, "/bare", STEP_S, 1000, dummy);
    bareMax = await run(bare.url, "/bare", STEP_S, null, dummy);
  } finally {
    await stopServer(bare.child);
  }
  console.log("bare", bareMax);

  const dir = mkdtempSync(join(tmpdir(), "ksc-bench-webhook-"));
  const server = await startServer(
    "bot-server/src/main.ts",
    {
      DATABASE_URL: `sqlite:${join(dir, "bench.db")}`,
      MINIAPP_DIR: "/nonexistent",
      ...(process.env.BENCH_WORKERS ? { WORKERS: process.env.BENCH_WORKERS } : {}),
    },
    { path: "/health" },
  );
  const steps: Step[] = [];
  try {
    const cfg = (await (await fetch(`${server.url}/sandbox/config`)).json()) as { app_id: string; oa_id: string; oa_secret_key: string };
    const signer = { appId: cfg.app_id, oaId: cfg.oa_id, secret: cfg.oa_secret_key };
    await run(server.url, "/webhooks/zalo", 2, 200, signer); // warm-up
    for (const rate of RATES) {
      const s = await run(server.url, "/webhooks/zalo", STEP_S, rate, signer);
      console.log("rate", s);
      steps.push(s);
    }
    const max = await run(server.url, "/webhooks/zalo", STEP_S, null, signer);
    console.log("max", max);
    steps.push(max);
  } finally {
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
  const max = steps[steps.length - 1]!;
  const at1000 = steps.find((s) => s.targetRate === 1000);
  console.log(
    JSON.stringify({
      bench: "webhook",
      stepS: STEP_S,
      connections: CONNECTIONS,
      bare: { eventsPerSec: bareMax.eventsPerSec, p99Ms: bareMax.p99Ms, p99MsAt1000: bareAt1000.p99Ms },
      sqlite: {
        steps,
        maxEventsPerSec: max.eventsPerSec,
        p99MsAt1000: at1000?.p99Ms ?? null,
        ratioToBare: Math.round((max.eventsPerSec / bareMax.eventsPerSec) * 1000) / 1000,
      },
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
