import { learnerCalls } from "../api/client";
import { ensureSession } from "../api/session";
import { isOnline } from "../lib/zalo";
import { mergeProgress } from "./progress";
import { getState, setState } from "./store";
import { drainQueue, FIRST_RETRY_MS, nextRetryMs, type SyncPorts } from "./sync-queue";

let running: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let backoffMs = FIRST_RETRY_MS;

const ports: SyncPorts = { session: ensureSession, send: learnerCalls.sync, online: isOnline, get: getState, set: setState };

async function drain(): Promise<void> {
  const token = await drainQueue(ports);
  if (!token) return;
  setState({ lastSyncAt: new Date().toISOString() });
  await refreshProgress(token);
}

function scheduleRetry(): void {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void syncNow();
  }, backoffMs);
  backoffMs = nextRetryMs(backoffMs);
}

/** Sends what is queued when online; on failure it keeps the queue and tries again later, backing off. */
export function syncNow(): Promise<void> {
  if (running) return running;
  if (!getState().online) return Promise.resolve();
  setState({ syncing: true });
  running = drain()
    .then(() => {
      backoffMs = FIRST_RETRY_MS;
    })
    .catch(() => scheduleRetry())
    .finally(() => {
      running = null;
      setState({ syncing: false });
    });
  return running;
}

export async function refreshProgress(token?: string): Promise<void> {
  const t = token ?? (await ensureSession().catch(() => null));
  if (!t) return;
  const server = await learnerCalls.progress(t);
  setState((s) => ({ progress: mergeProgress(s.progress, server) }));
}
