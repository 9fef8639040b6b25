import axios, { type AxiosAdapter } from "axios";
import type { FastifyBaseLogger } from "fastify";
import { webhookSignature } from "../zalo/webhook-signature.js";
import type { SandboxIdentity } from "./identity.js";

/**
 * Zalo retries a failed webhook after 30 s, 5 min, 15 min, 30 min and 1 h (a Zalo docs digest and an integration
 * guide agree), then disables the webhook; zalo-platform.md quotes another guide saying retries go on for about
 * 12 hours. Sources disagree: SANDBOX_RETRY_SCHEDULE picks "short" (those five) or "12h" (then hourly to ~12 h).
 */
export const ZALO_RETRY_SCHEDULE_MS = [30_000, 300_000, 900_000, 1_800_000, 3_600_000];
export const RETRY_SCHEDULES = {
  short: ZALO_RETRY_SCHEDULE_MS,
  "12h": [...ZALO_RETRY_SCHEDULE_MS, ...Array.from({ length: 10 }, () => 3_600_000)],
} as const;
export type RetrySchedule = keyof typeof RETRY_SCHEDULES;

export interface Delivery {
  event: Record<string, unknown>;
  attempts: number;
  status: "pending" | "delivered" | "gave_up";
  lastStatus: number | null;
}

export interface WebhookDeliveryOptions {
  identity: SandboxIdentity;
  /** Null: the sandbox delivers no events (load tests of sending only, where nobody listens). */
  url: string | null;
  adapter?: AxiosAdapter;
  /** Multiplies the retry schedule: tests speed it up (e.g. 0.001). */
  retryScale: number;
  /** Which schedule (default "12h"). */
  schedule?: RetrySchedule;
  log: FastifyBaseLogger;
  timeoutMs?: number;
}

/** Sends events to the webhook signed exactly as Zalo signs them, retrying on Zalo's schedule. */
export function webhookDelivery(o: WebhookDeliveryOptions) {
  const http = axios.create({ timeout: o.timeoutMs ?? 2000, validateStatus: () => true, ...(o.adapter ? { adapter: o.adapter } : {}) });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const deliveries: Delivery[] = [];
  const schedule = RETRY_SCHEDULES[o.schedule ?? "12h"];
  /** As Zalo does after the last retry failed: no more events until the webhook is enabled again. */
  const state = { disabled: false, droppedWhileDisabled: 0 };

  async function attempt(d: Delivery): Promise<void> {
    const raw = JSON.stringify(d.event);
    const timestamp = String(d.event.timestamp);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-zevent-signature": `mac=${webhookSignature(o.identity.appId, raw, timestamp, o.identity.oaSecretKey)}`,
    };
    if (d.attempts > 0) headers["num_retry"] = String(d.attempts);
    d.attempts++;
    let status = 0;
    try {
      status = (await http.post(o.url!, raw, { headers, transformRequest: [(x: unknown) => x] })).status;
    } catch {
      status = 0;
    }
    d.lastStatus = status;
    if (status === 200) {
      d.status = "delivered";
      return;
    }
    const wait = schedule[d.attempts - 1];
    if (wait === undefined) {
      d.status = "gave_up";
      state.disabled = true;
      o.log.warn({ event: d.event.event_name }, "sandbox: the webhook kept failing and is now disabled, as Zalo disables it (POST /sandbox/webhook/enable)");
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      void attempt(d);
    }, wait * o.retryScale);
    t.unref?.();
    timers.add(t);
  }

  return {
    deliveries,
    state,
    schedule,
    enable() {
      state.disabled = false;
      state.droppedWhileDisabled = 0;
    },
    /** Delivers in the background, like Zalo: the caller does not wait for the webhook's answer. */
    send(event: Record<string, unknown>): Promise<void> {
      if (o.url === null) return Promise.resolve();
      if (state.disabled) {
        state.droppedWhileDisabled++;
        return Promise.resolve();
      }
      const d: Delivery = { event, attempts: 0, status: "pending", lastStatus: null };
      deliveries.push(d);
      if (deliveries.length > 5000) deliveries.splice(0, deliveries.length - 5000);
      return attempt(d);
    },
    stop() {
      timers.forEach(clearTimeout);
      timers.clear();
    },
  };
}

export type WebhookDelivery = ReturnType<typeof webhookDelivery>;
