/**
 * npm run bench:progress — autocannon against POST /api/v1/progress/sync on SQLite and on PostgreSQL, and against
 * a bare Fastify route in the same run. Each request carries one quiz attempt with a new event id. Two loads per
 * database: the five sandbox users shared by all connections (the figure earlier steps reported; a learner's
 * syncs that overlap wait for each other when the learner is in a team), and one learner per connection (many
 * phones, as in the field). The last line is one JSON object with req/s, p99 latency and the ratio to the bare route.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { startServer, stopServer } from "./processes.js";
import { correctAnswer } from "../../shared/lib/grading.js";
import { connect } from "../../bot-server/src/db/connect.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { systemClock } from "../../bot-server/src/lib/clock.js";
import { sessionTokens as sessionSigner } from "../../bot-server/src/lib/session.js";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const lesson = loadCourseOrThrow().lessons[0]!;
const answers = lesson.quiz.map((q) => ({ questionId: q.id, answer: correctAnswer(q) }));
const SESSION_SECRET = randomBytes(32).toString("hex");

/** Learners made straight in the database, with session tokens signed by the server's secret. */
async function manyLearnerTokens(databaseUrl: string, n: number): Promise<string[]> {
  const { db, close } = connect(databaseUrl);
  const now = new Date().toISOString();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`,
    zalo_user_id: `58${String(i).padStart(17, "0")}`,
    name: "Người học",
    id_by_oa: null,
    ref_code: null,
    created_at: now,
    updated_at: now,
    name_consent_at: null,
  }));
  await db
    .insertInto("learners")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await close();
  const signer = sessionSigner(SESSION_SECRET, 120, systemClock);
  return rows.map((r) => signer.issue(r.id).token);
}

/**
 * What requireLearner's lookup costs (it ends an erased person's sessions at once): the same query, CONNECTIONS at
 * a time, from this process against the server's database, for comparison with the syncs per second.
 */
async function sessionLookups(databaseUrl: string, seconds: number): Promise<{ lookupsPerSec: number }> {
  const { db, close } = connect(databaseUrl);
  const repos = repositories(db, databaseUrl.startsWith("sqlite:") ? "sqlite" : "postgres");
  const until = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      while (Date.now() < until) {
        if (!(await repos.learners.findById(`bench-${i}`))) throw new Error("bench learner missing");
        n++;
      }
    }),
  );
  await close();
  return { lookupsPerSec: Math.round(n / seconds) };
}

async function sessionTokens(url: string): Promise<string[]> {
  const { users } = (await (await fetch(`${url}/sandbox/users`)).json()) as { users: { id: string }[] };
  return Promise.all(
    users.map(async (u) => {
      const z = (await (await fetch(`${url}/sandbox/users/${u.id}/token`, { method: "POST" })).json()) as { access_token: string };
      const s = await fetch(`${url}/api/v1/auth/zalo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ accessToken: z.access_token }),
      });
      return ((await s.json()) as { token: string }).token;
    }),
  );
}

interface Figures {
  reqPerSec: number;
  p99Ms: number;
  non2xx: number;
}

function run(url: string, path: string, tokens: string[], seconds: number): Promise<Figures> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: "POST",
            path,
            setupRequest: (req) => {
              const token = tokens[n++ % Math.max(tokens.length, 1)];
              const body = { events: [{ kind: "attempt", id: randomUUID(), lessonId: lesson.id, answers, at: new Date().toISOString() }] };
              return {
                ...req,
                headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
                body: JSON.stringify(body),
              };
            },
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve({ reqPerSec: Math.round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx + r.errors })),
    );
  });
}

type ServerFigures = Figures & { perConnection: Figures; sessionLookup: { lookupsPerSec: number } };

async function benchServer(env: { DATABASE_URL: string }): Promise<ServerFigures> {
  const { url, child } = await startServer("bot-server/src/main.ts", { ...env, SESSION_SECRET, MINIAPP_DIR: "/nonexistent" }, { path: "/health" });
  try {
    const tokens = await sessionTokens(url);
    await run(url, "/api/v1/progress/sync", tokens, 2); // warm-up
    const shared = await run(url, "/api/v1/progress/sync", tokens, DURATION_S);
    const perConnection = await run(url, "/api/v1/progress/sync", await manyLearnerTokens(env.DATABASE_URL, CONNECTIONS), DURATION_S);
    return { ...shared, perConnection, sessionLookup: await sessionLookups(env.DATABASE_URL, Math.max(2, DURATION_S / 2)) };
  } finally {
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  const bare = await startServer("tests/bench/bare-server.ts", {}, { path: "/bare", method: "POST" });
  let bareFigures: Figures;
  try {
    await run(bare.url, "/bare", [], 2);
    bareFigures = await run(bare.url, "/bare", [], DURATION_S);
  } finally {
    await stopServer(bare.child);
  }
  console.log("bare", bareFigures);

  const dir = mkdtempSync(join(tmpdir(), "ksc-bench-"));
  const sqlite = await benchServer({ DATABASE_URL: `sqlite:${join(dir, "bench.db")}` }).finally(() => rmSync(dir, { recursive: true, force: true }));
  console.log("sqlite", sqlite);

  const dbName = `ksc_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const pgUrl = new URL(PG_ADMIN_URL);
  pgUrl.pathname = `/${dbName}`;
  let postgres: ServerFigures;
  try {
    postgres = await benchServer({ DATABASE_URL: pgUrl.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  console.log("postgres", postgres);

  const ratio = (f: Figures) => Math.round((f.reqPerSec / bareFigures.reqPerSec) * 1000) / 1000;
  const figures = (f: ServerFigures) => ({ ...f, ratioToBare: ratio(f), perConnection: { ...f.perConnection, ratioToBare: ratio(f.perConnection) } });
  console.log(
    JSON.stringify({
      bench: "progress-sync",
      durationS: DURATION_S,
      connections: CONNECTIONS,
      bare: bareFigures,
      sqlite: figures(sqlite),
      postgres: figures(postgres),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
