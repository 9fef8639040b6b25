import { afterEach, describe, expect, it, vi } from "vitest";
import type { SyncEvent, SyncRequest, SyncResponse } from "../../../shared/schemas/api";
import { ApiFailure } from "../api/http";
import { BATCH, drainQueue, FIRST_RETRY_MS, nextRetryMs, type SyncPorts } from "./sync-queue";

const event = (n: number): SyncEvent => ({
  kind: "completion",
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  lessonId: "mat-khau-manh",
  at: "2026-06-02T09:30:00.000Z",
});
const events = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));
const accepted = (body: SyncRequest): SyncResponse => ({ results: body.events.map((e) => ({ id: e.id, status: "accepted" as const })) });

/** A phone with a queue, signed in as `tokens[0]` (then `tokens[1]`… at each new sign-in), and a server. */
function phone(
  o: { queue: SyncEvent[]; ref?: string | null; refSent?: boolean; tokens?: (string | null)[]; online?: () => boolean },
  server: (token: string, body: SyncRequest) => SyncResponse,
) {
  const state = { queue: o.queue, ref: o.ref ?? null, refSent: o.refSent ?? false };
  const tokens = [...(o.tokens ?? ["t1"])];
  const sent: { token: string; ids: string[]; ref?: string }[] = [];
  const ports: SyncPorts = {
    session: async (force) => {
      if (force) tokens.shift();
      return tokens[0] ?? null;
    },
    send: async (token, body) => {
      sent.push({ token, ids: body.events.map((e) => e.id), ...(body.ref ? { ref: body.ref } : {}) });
      return server(token, body);
    },
    online: o.online ?? (() => true),
    get: () => state,
    set: (patch) => Object.assign(state, patch(state)),
  };
  return { state, sent, ports };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the sync queue: events learnt on the phone reach the server", () => {
  it("sends 45 events as batches of 20, 20 and 5, each acknowledged, and gives back the token", async () => {
    const p = phone({ queue: events(1, 45) }, (_t, body) => accepted(body));
    expect(await drainQueue(p.ports)).toBe("t1");
    expect(BATCH).toBe(20);
    expect(p.sent.map((s) => s.ids)).toEqual([events(1, 20), events(21, 40), events(41, 45)].map((b) => b.map((e) => e.id)));
    expect(p.state.queue).toEqual([]);
  });

  it("keeps events the server did not answer for, and sends them again", async () => {
    let first = true;
    const p = phone({ queue: events(1, 3) }, (_t, body) => {
      const r = accepted(body);
      if (first) r.results.pop();
      first = false;
      return r;
    });
    await drainQueue(p.ports);
    expect(p.sent.map((s) => s.ids)).toEqual([events(1, 3).map((e) => e.id), [event(3).id]]);
    expect(p.state.queue).toEqual([]);
  });

  it("sends the team's ref code the app was opened with once, with the first batch", async () => {
    const p = phone({ queue: events(1, 2), ref: "TO-3" }, (_t, body) => accepted(body));
    await drainQueue(p.ports);
    p.state.queue = [event(3)];
    await drainQueue(p.ports);
    expect(p.sent).toEqual([
      { token: "t1", ids: [event(1).id, event(2).id], ref: "TO-3" },
      { token: "t1", ids: [event(3).id] },
    ]);
    expect(p.state.refSent).toBe(true);
  });

  it("with nothing learnt yet, sends the ref code on its own", async () => {
    const p = phone({ queue: [], ref: "TO-3" }, (_t, body) => accepted(body));
    await drainQueue(p.ports);
    expect(p.sent).toEqual([{ token: "t1", ids: [], ref: "TO-3" }]);
    expect(p.state.refSent).toBe(true);
    await drainQueue(p.ports);
    expect(p.sent).toHaveLength(1);
  });

  it("sends nothing and keeps the queue when the person cannot be signed in", async () => {
    const p = phone({ queue: events(1, 2), tokens: [null] }, (_t, body) => accepted(body));
    expect(await drainQueue(p.ports)).toBeNull();
    expect(p.sent).toEqual([]);
    expect(p.state.queue).toEqual(events(1, 2));
  });

  it("an expired session: signs in again and sends the batch with the new token", async () => {
    const p = phone({ queue: events(1, 2), tokens: ["old", "new"] }, (token, body) => {
      if (token === "old") throw new ApiFailure(401, "invalid_session", "Phiên đã hết hạn.");
      return accepted(body);
    });
    expect(await drainQueue(p.ports)).toBe("new");
    expect(p.sent.map((s) => s.token)).toEqual(["old", "new"]);
    expect(p.state.queue).toEqual([]);
  });

  it("stops with the queue kept when signing in again does not work", async () => {
    const p = phone({ queue: events(1, 2), tokens: ["old", null] }, () => {
      throw new ApiFailure(401, "invalid_session", "Phiên đã hết hạn.");
    });
    expect(await drainQueue(p.ports)).toBeNull();
    expect(p.state.queue).toEqual(events(1, 2));
  });

  it.each([
    ["no network", new ApiFailure(0, "network_error", "Network Error")],
    ["a server error", new ApiFailure(503, "http_error", "Service Unavailable")],
    ["throttling", new ApiFailure(429, "rate_limited", "Quá nhiều yêu cầu.")],
  ])("%s: fails so that it is tried again later, the queue kept", async (_what, failure) => {
    const p = phone({ queue: events(1, 3), ref: "TO-3" }, () => {
      throw failure;
    });
    await expect(drainQueue(p.ports)).rejects.toBe(failure);
    expect(p.state).toEqual({ queue: events(1, 3), ref: "TO-3", refSent: false });
  });

  it("a batch refused for good: sends it one event at a time and drops only the refused one", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const bad = event(2).id;
    const p = phone({ queue: events(1, 3) }, (_t, body) => {
      if (body.events.some((e) => e.id === bad)) throw new ApiFailure(400, "validation_failed", "Dữ liệu không hợp lệ.");
      return accepted(body);
    });
    expect(await drainQueue(p.ports)).toBe("t1");
    expect(p.sent.map((s) => s.ids)).toEqual([events(1, 3).map((e) => e.id), [event(1).id], [bad], [event(3).id]]);
    expect(p.state.queue).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith("sync: event refused by the server, dropped", bad, "validation_failed");
  });

  it("stops between batches when the phone goes offline", async () => {
    let batches = 0;
    const p = phone({ queue: events(1, 25), online: () => batches === 0 }, (_t, body) => {
      batches++;
      return accepted(body);
    });
    expect(await drainQueue(p.ports)).toBe("t1");
    expect(p.sent).toHaveLength(1);
    expect(p.state.queue).toEqual(events(21, 25));
  });

  it("waits 2 s before the first retry, then twice as long each time, up to a minute", () => {
    const waits = [FIRST_RETRY_MS];
    while (waits.length < 7) waits.push(nextRetryMs(waits.at(-1)!));
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });
});
