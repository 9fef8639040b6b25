import type { SyncEvent, SyncRequest, SyncResponse } from "../../../shared/schemas/api";
import { ApiFailure } from "../api/http";
import type { State } from "./store";

/** Events sent in one request. */
export const BATCH = 20;
/** The wait before the first retry after a failed sync; it doubles up to a minute. */
export const FIRST_RETRY_MS = 2000;
export const nextRetryMs = (ms: number): number => Math.min(ms * 2, 60_000);

type Queued = Pick<State, "queue" | "ref" | "refSent">;

/** What draining the queue needs: sync.ts passes the app's session, API client and store; tests pass fakes. */
export interface SyncPorts {
  /** A session token (`force`: sign in again), or null when the person cannot be signed in. */
  session(force?: boolean): Promise<string | null>;
  send(token: string, body: SyncRequest): Promise<SyncResponse>;
  online(): boolean;
  get(): Queued;
  set(patch: (s: Queued) => Partial<Queued>): void;
}

function acknowledge(p: SyncPorts, ids: Set<string>): void {
  p.set((s) => ({ queue: s.queue.filter((e) => !ids.has(e.id)) }));
}

/** Sends one batch; the ref code the app was opened with rides along until the server has it. */
async function sendBatch(p: SyncPorts, token: string, events: SyncEvent[]): Promise<void> {
  const s = p.get();
  const ref = s.ref && !s.refSent ? s.ref : undefined;
  const res = await p.send(token, { events, ...(ref ? { ref } : {}) });
  if (ref) p.set(() => ({ refSent: true }));
  acknowledge(p, new Set(res.results.map((r) => r.id)));
}

/** Sends a refused batch one event at a time, and drops only the events the server refuses for good. */
async function sendOneByOne(p: SyncPorts, token: string, events: SyncEvent[]): Promise<void> {
  for (const ev of events) {
    try {
      await sendBatch(p, token, [ev]);
    } catch (e) {
      if (e instanceof ApiFailure && !e.retryable && e.status !== 401) {
        console.warn("sync: event refused by the server, dropped", ev.id, e.code);
        acknowledge(p, new Set([ev.id]));
      } else throw e;
    }
  }
}

/**
 * Sends what is queued, in batches, while online. An expired session is renewed; a failure worth retrying
 * (network, server, throttling) throws with the queue kept. Returns the token used, or null when not signed in.
 */
export async function drainQueue(p: SyncPorts): Promise<string | null> {
  let token = await p.session();
  if (!token) return null;
  // Opened through a team's or member's code with nothing learnt yet: the code goes on its own.
  if (!p.get().queue.length && p.get().ref && !p.get().refSent && p.online()) await sendBatch(p, token, []);
  while (p.get().queue.length && p.online()) {
    const batch = p.get().queue.slice(0, BATCH);
    try {
      await sendBatch(p, token, batch);
    } catch (e) {
      if (!(e instanceof ApiFailure)) throw e;
      if (e.status === 401) {
        token = await p.session(true);
        if (!token) return null;
      } else if (e.retryable) throw e;
      else await sendOneByOne(p, token, batch);
    }
  }
  return token;
}
