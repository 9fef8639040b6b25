import { EventEmitter } from "node:events";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../lib/clock.js";
import type { JobRepository, JobRow } from "../repositories/jobs.js";
import type { JobPayloads } from "./payloads.js";
import {
  backoffMs,
  PermanentJobError,
  RunLaterError,
  type JobHandler,
  type JobMap,
  type JobOptions,
  type JobPayload,
  type JobQueue,
  type WorkerOptions,
} from "./queue.js";

export interface DbQueueOptions {
  repo: JobRepository;
  clock: Clock;
  log: FastifyBaseLogger;
  pollMs?: number;
  leaseMs?: number;
  retryBaseMs?: number;
  defaultMaxAttempts?: number;
}

interface Worker {
  handler: JobHandler;
  concurrency: number;
  running: number;
  onFailed?: WorkerOptions["onFailed"];
}

/**
 * Embedded mode: jobs live in a table of the same database, and workers run inside the server process.
 * A job is leased while it runs; a crashed process's jobs are taken again once their lease runs out.
 */
export function dbQueue<M extends JobMap = JobPayloads>(opts: DbQueueOptions): JobQueue<M> {
  const { repo, clock, log } = opts;
  const pollMs = opts.pollMs ?? 500;
  // Short, renewed while the job runs: after a crash, its jobs are taken again within half a minute.
  const leaseMs = opts.leaseMs ?? 30_000;
  const retryBaseMs = opts.retryBaseMs ?? 2000;
  const workers = new Map<string, Worker>();
  const wake = new EventEmitter();
  const inFlight = new Set<Promise<void>>();
  let started = false;
  let stopping = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  const pumping = new Map<string, Promise<void>>();

  const iso = (ms: number) => new Date(ms).toISOString();

  async function run(queue: string, w: Worker, job: JobRow): Promise<void> {
    const payload = JSON.parse(job.payload) as JobPayload;
    // A job that runs long (waiting for the rate limit, say) keeps its lease, so no one else takes it meanwhile.
    const heartbeat = setInterval(
      () =>
        void repo.extendLease(job.id, iso(clock.now().getTime() + leaseMs)).catch((err: unknown) => log.warn({ err, jobId: job.id }, "lease renewal failed")),
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref?.();
    try {
      await w.handler(payload, { attempt: job.attempts, maxAttempts: job.max_attempts });
      await repo.complete(job.id);
    } catch (err) {
      if (err instanceof RunLaterError) {
        await repo.retryLater(job.id, err.at.toISOString(), err.message);
        return;
      }
      const msg = err instanceof Error ? err.message : String(err);
      const last = err instanceof PermanentJobError || job.attempts >= job.max_attempts;
      if (last) {
        log.error({ err, queue, jobId: job.id, attempts: job.attempts }, "job failed for good");
        await repo.fail(job.id, clock.now().toISOString(), msg.slice(0, 1000));
        await w.onFailed?.(payload, err);
      } else {
        const delay = backoffMs(job.attempts, retryBaseMs);
        log.warn({ queue, jobId: job.id, attempt: job.attempts, retryInMs: delay, error: msg }, "job failed, will retry");
        await repo.retryLater(job.id, iso(clock.now().getTime() + delay), msg.slice(0, 1000));
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  function pump(queue: string): Promise<void> {
    const w = workers.get(queue);
    if (!w || stopping) return Promise.resolve();
    const current = pumping.get(queue);
    if (current) return current;
    const p = takeJobs(queue, w).finally(() => pumping.delete(queue));
    pumping.set(queue, p);
    return p;
  }

  async function takeJobs(queue: string, w: Worker): Promise<void> {
    try {
      for (;;) {
        const free = w.concurrency - w.running;
        if (free <= 0 || stopping) return;
        const now = clock.now().getTime();
        const jobs = await repo.claim(queue, iso(now), iso(now + leaseMs), free);
        if (jobs.length === 0) return;
        if (stopping) {
          // Claimed while shutting down: hand them back at once rather than leave them leased.
          await Promise.all(jobs.map((j) => repo.retryLater(j.id, iso(now), "interrupted by shutdown")));
          return;
        }
        for (const job of jobs) {
          w.running++;
          const p: Promise<void> = run(queue, w, job)
            .catch((err: unknown) => log.error({ err, queue }, "job bookkeeping failed"))
            .finally(() => {
              w.running--;
              inFlight.delete(p);
              if (!stopping) void pump(queue);
            });
          inFlight.add(p);
        }
      }
    } catch (err) {
      log.error({ err, queue }, "could not take jobs");
    }
  }

  function row(queue: string, payload: JobPayload, o: JobOptions) {
    const now = clock.now();
    return {
      queue,
      job_key: o.key ?? null,
      payload: JSON.stringify(payload),
      status: "waiting" as const,
      max_attempts: o.maxAttempts ?? opts.defaultMaxAttempts ?? 8,
      run_at: iso(now.getTime() + (o.delayMs ?? 0)),
      locked_until: null,
      last_error: null,
      created_at: now.toISOString(),
      finished_at: null,
    };
  }

  wake.on("job", (queue: string) => started && void pump(queue));

  const engine: JobQueue<JobMap> = {
    async add(queue: string, payload: JobPayload, o: JobOptions = {}) {
      await repo.insert(row(queue, payload, o));
      if (!o.delayMs) wake.emit("job", queue);
    },
    async addBulk(queue, jobs) {
      await repo.insertMany(jobs.map((j) => row(queue, j.payload, j.opts ?? {})));
      if (jobs.some((j) => !j.opts?.delayMs)) wake.emit("job", queue);
    },
    process(queue, handler, o = {}) {
      workers.set(queue, { handler, concurrency: o.concurrency ?? 4, running: 0, onFailed: o.onFailed });
    },
    start() {
      if (started) return;
      started = true;
      let ticks = 0;
      timer = setInterval(() => {
        // Leases are checked now and then, not on every wake-up: they only matter after a crash.
        if (++ticks % 10 === 0)
          workers.forEach((_, q) => void repo.reclaimExpired(q, clock.now().toISOString()).catch((err: unknown) => log.error({ err }, "lease check failed")));
        workers.forEach((_, q) => void pump(q));
      }, pollMs);
      timer.unref?.();
      workers.forEach(
        (_, q) =>
          void repo
            .reclaimExpired(q, clock.now().toISOString())
            .then(() => pump(q))
            .catch((err: unknown) => log.error({ err }, "lease check failed")),
      );
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...pumping.values()]);
      await Promise.allSettled([...inFlight]);
    },
    async idle() {
      // Jobs due later (retries) are not waited for: tests move the clock to reach them.
      const pumpAll = () => Promise.all([...workers.keys()].map((q) => pump(q)));
      for (;;) {
        await pumpAll();
        if (inFlight.size === 0) {
          await pumpAll(); // a fresh look, in case the pump awaited above had started before the last add
          if (inFlight.size === 0) return;
        }
        await Promise.allSettled([...inFlight]);
      }
    },
  };
  // The engine takes any name and payload; the type parameter is what callers may add and process.
  return engine as JobQueue<M>;
}
