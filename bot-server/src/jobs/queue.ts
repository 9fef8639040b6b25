/** The job engine behind one interface: a database table in embedded mode; BullMQ on Redis in scale-out mode. */

export type JobPayload = Record<string, string | number | number[]>;

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

export type JobHandler = (payload: JobPayload, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  concurrency?: number;
  /** Called when a job has failed for the last time (the data it refers to stays where it is). */
  onFailed?: (payload: JobPayload, error: unknown) => Promise<void>;
}

export interface BulkJob {
  payload: JobPayload;
  opts?: JobOptions;
}

export interface JobQueue {
  add(queue: string, payload: JobPayload, opts?: JobOptions): Promise<void>;
  /** Many jobs in one write. */
  addBulk(queue: string, jobs: BulkJob[]): Promise<void>;
  process(queue: string, handler: JobHandler, opts?: WorkerOptions): void;
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
