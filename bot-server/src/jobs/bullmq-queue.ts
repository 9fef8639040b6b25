import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { FastifyBaseLogger } from "fastify";
import type { JobPayloads } from "./payloads.js";
import {
  backoffMs,
  PermanentJobError,
  RunLaterError,
  type BulkJob,
  type JobHandler,
  type JobMap,
  type JobOptions,
  type JobPayload,
  type JobQueue,
  type WorkerOptions,
} from "./queue.js";

export interface BullQueueOptions {
  redisUrl: string;
  log: FastifyBaseLogger;
  /** Separates deployments (and tests) sharing one Redis. */
  prefix?: string;
  retryBaseMs?: number;
  defaultMaxAttempts?: number;
  /** A global rate limit per queue name, shared by every worker of every process (BullMQ's limiter). */
  limits?: Record<string, { max: number; durationMs: number }>;
}

/** BullMQ wants its own connection per worker (blocking commands); ESM needs them built here. */
const redisOf = (url: string) => new Redis(url, { maxRetriesPerRequest: null });

/** BullMQ job ids may not contain ":" in some versions' checks; keys are kept readable otherwise. */
const jobIdOf = (key: string) => key.replace(/:/g, "-");

/**
 * Scale-out mode: the same queue interface over BullMQ on Redis. Job ids come from the job keys (a job already
 * waiting under that id is not added twice), retries use the same backoff as the embedded queue, and a queue's
 * rate limit is global across processes.
 */
export function bullQueue<M extends JobMap = JobPayloads>(o: BullQueueOptions): JobQueue<M> {
  const connections: Redis[] = [];
  const connection = () => {
    const c = redisOf(o.redisUrl);
    connections.push(c);
    return c;
  };
  const prefix = o.prefix ?? "ksc";
  const retryBaseMs = o.retryBaseMs ?? 2000;
  const queues = new Map<string, Queue>();
  const handlers = new Map<string, { handler: JobHandler; opts: WorkerOptions }>();
  const workers: Worker[] = [];
  let started = false;

  const queueOf = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: connection(), prefix });
      queues.set(name, q);
    }
    return q;
  };

  const jobOpts = (opts: JobOptions = {}) => ({
    ...(opts.key ? { jobId: jobIdOf(opts.key) } : {}),
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    attempts: opts.maxAttempts ?? o.defaultMaxAttempts ?? 8,
    backoff: { type: "ksc" },
    removeOnComplete: true,
    removeOnFail: { count: 10_000 },
  });

  function startWorker(name: string): void {
    const { handler, opts } = handlers.get(name)!;
    const limit = o.limits?.[name];
    const worker = new Worker(
      name,
      async (job: Job, token?: string) => {
        try {
          await handler(job.data as JobPayload, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
        } catch (err) {
          if (err instanceof RunLaterError) {
            await job.moveToDelayed(err.at.getTime(), token);
            throw new DelayedError();
          }
          if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
          throw err;
        }
      },
      {
        connection: connection(),
        prefix,
        concurrency: opts.concurrency ?? 4,
        ...(limit ? { limiter: { max: limit.max, duration: limit.durationMs } } : {}),
        settings: { backoffStrategy: (attemptsMade: number) => backoffMs(attemptsMade, retryBaseMs) },
      },
    );
    worker.on("failed", (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (final) {
        o.log.error({ err, queue: name, jobId: job.id }, "job failed for good");
        void opts.onFailed?.(job.data as JobPayload, err)?.catch((e: unknown) => o.log.error({ err: e }, "onFailed failed"));
      } else o.log.warn({ queue: name, jobId: job.id, attempt: job.attemptsMade, error: err.message }, "job failed, will retry");
    });
    worker.on("error", (err) => o.log.error({ err, queue: name }, "queue worker error"));
    workers.push(worker);
  }

  const engine: JobQueue<JobMap> = {
    async add(name, payload, opts) {
      await queueOf(name).add(name, payload, jobOpts(opts));
    },
    async addBulk(name, jobs: BulkJob[]) {
      if (jobs.length) await queueOf(name).addBulk(jobs.map((j) => ({ name, data: j.payload, opts: jobOpts(j.opts) })));
    },
    process(name, handler, opts = {}) {
      handlers.set(name, { handler, opts });
      if (started) startWorker(name);
    },
    start() {
      if (started) return;
      started = true;
      for (const name of handlers.keys()) startWorker(name);
    },
    async stop() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
    },
    async idle() {
      // Jobs due later (delays, retries) are not waited for, as with the embedded queue.
      for (;;) {
        const counts = await Promise.all([...handlers.keys()].map((n) => queueOf(n).getJobCounts("waiting", "active", "prioritized")));
        if (counts.every((c) => Object.values(c).every((v) => v === 0))) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
  // The engine takes any name and payload; the type parameter is what callers may add and process.
  return engine as JobQueue<M>;
}
