import type { ProgressResponse, SyncEvent } from "../../../shared/schemas/api";
import { learnerCalls } from "../api/client";
import { ApiFailure } from "../api/http";
import { ensureSession } from "../api/session";
import { isOnline } from "../lib/zalo";
import { getState, setState, type LocalLessonProgress } from "./store";

const BATCH = 20;
let running: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let backoffMs = 2000;

function acknowledge(ids: Set<string>): void {
  setState((s) => ({ queue: s.queue.filter((e) => !ids.has(e.id)) }));
}

async function sendBatch(token: string, events: SyncEvent[]): Promise<void> {
  const s = getState();
  const ref = s.ref && !s.refSent ? s.ref : undefined;
  const res = await learnerCalls.sync(token, { events, ...(ref ? { ref } : {}) });
  if (ref) setState({ refSent: true });
  acknowledge(new Set(res.results.map((r) => r.id)));
}

/** Sends a refused batch one event at a time, and drops only the events the server refuses for good. */
async function sendOneByOne(token: string, events: SyncEvent[]): Promise<void> {
  for (const ev of events) {
    try {
      await sendBatch(token, [ev]);
    } catch (e) {
      if (e instanceof ApiFailure && !e.retryable && e.status !== 401) {
        console.warn("sync: event refused by the server, dropped", ev.id, e.code);
        acknowledge(new Set([ev.id]));
      } else throw e;
    }
  }
}

async function drain(): Promise<void> {
  let token = await ensureSession();
  if (!token) return;
  // Opened through a team's or member's code with nothing learnt yet: the code goes on its own.
  if (!getState().queue.length && getState().ref && !getState().refSent && isOnline()) await sendBatch(token, []);
  while (getState().queue.length && isOnline()) {
    const batch = getState().queue.slice(0, BATCH);
    try {
      await sendBatch(token, batch);
    } catch (e) {
      if (!(e instanceof ApiFailure)) throw e;
      if (e.status === 401) {
        token = await ensureSession(true);
        if (!token) return;
      } else if (e.retryable) throw e;
      else await sendOneByOne(token, batch);
    }
  }
  setState({ lastSyncAt: new Date().toISOString() });
  await refreshProgress(token);
}

function scheduleRetry(): void {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void syncNow();
  }, backoffMs);
  backoffMs = Math.min(backoffMs * 2, 60_000);
}

/** Sends what is queued when online; on failure it keeps the queue and tries again later, backing off. */
export function syncNow(): Promise<void> {
  if (running) return running;
  if (!getState().online) return Promise.resolve();
  setState({ syncing: true });
  running = drain()
    .then(() => {
      backoffMs = 2000;
    })
    .catch(() => scheduleRetry())
    .finally(() => {
      running = null;
      setState({ syncing: false });
    });
  return running;
}

/** Merges the server's view (other phones, earlier installs) into what this phone knows, keeping the best of each. */
export function mergeProgress(local: Record<string, LocalLessonProgress>, server: ProgressResponse): Record<string, LocalLessonProgress> {
  const out = { ...local };
  for (const l of server.lessons) {
    const mine = out[l.lessonId];
    out[l.lessonId] = {
      read: l.read || !!mine?.read,
      attempts: Math.max(l.attempts, mine?.attempts ?? 0),
      bestScorePct: Math.max(l.bestScorePct ?? -1, mine?.bestScorePct ?? -1) < 0 ? null : Math.max(l.bestScorePct ?? 0, mine?.bestScorePct ?? 0),
      passed: l.passed || !!mine?.passed,
    };
  }
  return out;
}

export async function refreshProgress(token?: string): Promise<void> {
  const t = token ?? (await ensureSession().catch(() => null));
  if (!t) return;
  const server = await learnerCalls.progress(t);
  setState((s) => ({ progress: mergeProgress(s.progress, server) }));
}
