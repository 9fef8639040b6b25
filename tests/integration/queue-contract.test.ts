import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bullQueue } from "../../bot-server/src/jobs/bullmq-queue.js";
import { dbQueue } from "../../bot-server/src/jobs/db-queue.js";
import { PermanentJobError, RunLaterError, type JobMap, type JobPayload, type JobQueue } from "../../bot-server/src/jobs/queue.js";
import { systemClock } from "../../bot-server/src/lib/clock.js";
import { jobRepository } from "../../bot-server/src/repositories/jobs.js";
import { createTestDb, type TestDb } from "../helpers/databases.js";
import { silentLogger } from "../helpers/logger.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The contract's own job names, any payload. */
type TestJobs = JobMap;

interface Engine {
  name: string;
  make(): Promise<{ queue: JobQueue<TestJobs>; close(): Promise<void> }>;
}

const engines: Engine[] = [
  ...(["sqlite", "postgres"] as const).map((dialect) => ({
    name: `embedded on ${dialect}`,
    async make() {
      const testDb: TestDb = await createTestDb(dialect);
      const queue = dbQueue<TestJobs>({ repo: jobRepository(testDb.db.db, dialect), clock: systemClock, log: silentLogger(), pollMs: 30, retryBaseMs: 20 });
      return {
        queue,
        close: async () => {
          await queue.stop();
          await testDb.cleanup();
        },
      };
    },
  })),
  {
    name: "BullMQ on Redis",
    async make() {
      const queue = bullQueue<TestJobs>({ redisUrl: REDIS_URL, log: silentLogger(), prefix: `ksc-test-${randomBytes(4).toString("hex")}`, retryBaseMs: 20 });
      return { queue, close: () => queue.stop() };
    },
  },
];

/** Waits until `check` holds, polling; the queues work in the background. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

// The same contract for both runtime modes: services never know which one runs.
describe.each(engines)("job queue contract: $name", (engine) => {
  let queue: JobQueue<TestJobs>;
  let close: () => Promise<void>;
  const seen: Record<string, JobPayload[]> = {};
  const failed: Record<string, JobPayload[]> = {};
  let flaky = 0;
  let running = 0;
  let maxRunning = 0;
  let later: number[] = [];

  beforeAll(async () => {
    ({ queue, close } = await engine.make());
    const record = (name: string) => (p: JobPayload) => void (seen[name] ??= []).push(p);
    queue.process("plain", async (p) => record("plain")(p));
    queue.process("flaky", async (p) => {
      record("flaky")(p);
      if (++flaky < 3) throw new Error("not yet");
    });
    queue.process(
      "permanent",
      async (p) => {
        record("permanent")(p);
        throw new PermanentJobError("never");
      },
      { onFailed: async (p) => void (failed.permanent ??= []).push(p) },
    );
    queue.process(
      "always",
      async (p) => {
        record("always")(p);
        throw new Error("always");
      },
      { onFailed: async (p) => void (failed.always ??= []).push(p) },
    );
    queue.process(
      "busy",
      async (p) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        record("busy")(p);
      },
      { concurrency: 2 },
    );
    queue.process("later", async (p) => {
      later.push(Date.now());
      record("later")(p);
      if (later.length === 1) throw new RunLaterError(new Date(Date.now() + 300));
    });
    queue.start();
  });
  afterAll(async () => {
    await close();
  });

  it("runs a job once with its payload (ids only)", async () => {
    await queue.add("plain", { id: 1 });
    await until(() => (seen.plain ?? []).length === 1, "the job");
    expect(seen.plain).toEqual([{ id: 1 }]);
  });

  it("adds a job under a key once while it waits", async () => {
    await queue.addBulk("plain", [
      { payload: { id: 2 }, opts: { key: "k:2", delayMs: 200 } },
      { payload: { id: 2 }, opts: { key: "k:2", delayMs: 200 } },
    ]);
    await queue.add("plain", { id: 2 }, { key: "k:2", delayMs: 200 });
    await until(() => (seen.plain ?? []).some((p) => p.id === 2), "the keyed job");
    await new Promise((r) => setTimeout(r, 300));
    expect((seen.plain ?? []).filter((p) => p.id === 2)).toHaveLength(1);
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    await queue.add("flaky", { id: 3 }, { maxAttempts: 5 });
    await until(() => flaky >= 3, "three runs");
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.flaky).toHaveLength(3);
  });

  it("does not retry a permanent failure, and reports it once", async () => {
    await queue.add("permanent", { id: 4 }, { maxAttempts: 5 });
    await until(() => (failed.permanent ?? []).length === 1, "the failure report");
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.permanent).toHaveLength(1);
    expect(failed.permanent).toEqual([{ id: 4 }]);
  });

  it("gives up after the last attempt and reports it once", async () => {
    await queue.add("always", { id: 5 }, { maxAttempts: 3 });
    await until(() => (failed.always ?? []).length === 1, "the failure report");
    expect(seen.always).toHaveLength(3);
  });

  it("keeps to the worker's concurrency", async () => {
    await queue.addBulk(
      "busy",
      Array.from({ length: 8 }, (_, i) => ({ payload: { id: 100 + i } })),
    );
    await until(() => (seen.busy ?? []).length === 8, "eight jobs");
    expect(maxRunning).toBeLessThanOrEqual(2);
    expect(maxRunning).toBeGreaterThanOrEqual(1);
  });

  it("runs a job again at the time it asks for (e.g. a promotion held until morning)", async () => {
    later = [];
    await queue.add("later", { id: 6 });
    await until(() => later.length === 2, "the second run");
    expect(later[1]! - later[0]!).toBeGreaterThanOrEqual(250);
  });
});
