/** The job engine behind one interface: a database table in embedded mode; BullMQ on Redis in scale-out mode. */

import type { JobPayloads } from "./payloads.js";

export type JobPayload = Record<string, string | number | number[]>;

/** Job names and their payloads: the server's are JobPayloads; the queue's own tests bring theirs. */
export type JobMap = Record<string, JobPayload>;

export interface JobOptions {
  /** A unique key: adding a job whose key is already there does nothing. */
  key?: string;
  delayMs?: number;
  maxAttempts?: number;
}

export interface JobContext {
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<P extends JobPayload = JobPayload> = (payload: P, ctx: JobContext) => Promise<void>;

export interface WorkerOptions<P extends JobPayload = JobPayload> {
  concurrency?: number;
  /** Called when a job has failed for the last time (the data it refers to stays where it is). */
  onFailed?: (payload: P, error: unknown) => Promise<void>;
}

export interface BulkJob<P extends JobPayload = JobPayload> {
  payload: P;
  opts?: JobOptions;
}

/** A payload that is not the one its job name takes does not compile. */
export interface JobQueue<M extends JobMap = JobPayloads> {
  add<Q extends keyof M & string>(queue: Q, payload: M[Q], opts?: JobOptions): Promise<void>;
  /** Many jobs in one write. */
  addBulk<Q extends keyof M & string>(queue: Q, jobs: BulkJob<M[Q]>[]): Promise<void>;
  process<Q extends keyof M & string>(queue: Q, handler: JobHandler<M[Q]>, opts?: WorkerOptions<M[Q]>): void;
  start(): void;
  /** Stops taking jobs and waits for the ones running. */
  stop(): Promise<void>;
  /** Tests: runs until no job is ready or running. */
  idle(): Promise<void>;
}

/** Not a failure: the job is to run again at `at` (e.g. a promotion message held until 06:00). */
export class RunLaterError extends Error {
  constructor(readonly at: Date) {
    super(`run again at ${at.toISOString()}`);
  }
}

/** A failure that no retry can mend: the job fails at once. */
export class PermanentJobError extends Error {}

/** Exponential backoff with full jitter, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 10 * 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
