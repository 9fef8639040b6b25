import type { Insertable } from "kysely";
import type { WebhookInboxTable } from "../../db/schema.js";
import type { JobQueue } from "../../jobs/queue.js";
import type { Repositories } from "../../repositories/index.js";

type NewEvent = Insertable<WebhookInboxTable>;

interface Pending {
  row: NewEvent;
  resolve(id: number | null): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 500;

/** Attempts for an event's job: with the backoff capped at 10 minutes, about two hours of Zalo or database trouble. */
export const WEBHOOK_JOB_ATTEMPTS = 20;

/** An event's job: keyed by the event, so that queueing it again adds nothing. */
export const eventJob = (inboxId: number) => ({ payload: { inboxId }, opts: { key: `inbox:${inboxId}`, maxAttempts: WEBHOOK_JOB_ATTEMPTS } });

/**
 * Group commit for webhook events: events that arrive together are stored in one statement and queued in one
 * more, and each request is answered once its event is stored. Under load this turns hundreds of commits per
 * second into a few, which is what keeps Zalo's 2-second acknowledgement fast; alone, an event waits one tick.
 * Should the queue write fail after the store, requeueStranded queues the event later.
 */
export function inboxWriter(repos: Repositories, queue: JobQueue) {
  const pending: Pending[] = [];
  let flushing: Promise<void> | null = null;
  let scheduled = false;

  async function flush(): Promise<void> {
    while (pending.length) {
      const batch = pending.splice(0, MAX_BATCH);
      // The same event twice in one batch (a fast Zalo retry): the first one is the event, the rest duplicates.
      const firstByKey = new Map<string, Pending>();
      for (const p of batch) if (!firstByKey.has(p.row.event_key)) firstByKey.set(p.row.event_key, p);
      try {
        const ids = await repos.inbox.insertManyNew([...firstByKey.values()].map((p) => p.row));
        if (ids.size) await queue.addBulk("webhook", [...ids.values()].map(eventJob));
        for (const p of batch) p.resolve(firstByKey.get(p.row.event_key) === p ? (ids.get(p.row.event_key) ?? null) : null);
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (flushing) return void flushing.then(schedule);
      flushing = flush().finally(() => {
        flushing = null;
      });
    });
  }

  return {
    /** Resolves with the new event's inbox id once it is stored and queued, or null when it was already there. */
    store(row: NewEvent): Promise<number | null> {
      return new Promise((resolve, reject) => {
        pending.push({ row, resolve, reject });
        schedule();
      });
    },
  };
}

export type InboxWriter = ReturnType<typeof inboxWriter>;
