import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { appOnDb, createTestApp, type TestApp } from "../helpers/app.js";
import { createTestDb, DIALECTS, type TestDb } from "../helpers/databases.js";
import { fixtureCourse, manualClock } from "../helpers/fixture.js";
import { startHttpStub, type HttpStub } from "../helpers/http-stub.js";
import { WEBHOOK_JOB_ATTEMPTS } from "../../bot-server/src/services/inbox/inbox-writer.js";
import {
  deliverSigned,
  oaConnected,
  oaRowCounts,
  postWebhook,
  sandboxConfig,
  sentTo,
  settle,
  userDoes,
  userTextEvent,
  zaloSignature,
  type SandboxConfig,
} from "../helpers/oa.js";

const course = fixtureCourse();
const FOLLOWER = "7700000000000000002";

const inboxByKey = (t: TestApp, key: string) => t.testDb.db.db.selectFrom("webhook_inbox").selectAll().where("event_key", "=", key).execute();
const jobsOf = (t: TestApp, inboxId: number) =>
  t.testDb.db.db.selectFrom("jobs").selectAll().where("payload", "=", JSON.stringify({ inboxId })).orderBy("id").execute();
/** Jobs of an inbox event still waiting, running or failed (a finished job may be deleted). */
const unfinishedJobsOf = async (t: TestApp, inboxId: number) => (await jobsOf(t, inboxId)).filter((j) => j.status !== "done");
const setFaults = async (t: TestApp, faults: Record<string, unknown>) => {
  const res = await t.app.inject({ method: "PUT", url: "/sandbox/faults", payload: faults });
  expect(res.statusCode).toBe(200);
};

describe.each(DIALECTS)("POST /webhooks/zalo on %s", (dialect) => {
  let t: TestApp;
  let cfg: SandboxConfig;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));

  beforeAll(async () => {
    t = await createTestApp(dialect, { course, clock });
    await t.app.ready();
    cfg = await sandboxConfig(t.app);
    await oaConnected(t.app);
    await userDoes(t.app, FOLLOWER, "follow");
  });
  afterAll(async () => {
    await t.close();
  });

  describe("refused signatures: 401 invalid_signature and nothing stored", () => {
    const event = () => userTextEvent(cfg, FOLLOWER, "xin chao", { timestamp: clock.now().getTime() });

    const cases: [string, () => { raw: string; header: string | undefined }][] = [
      [
        "WRONG KEY",
        () => {
          const e = event();
          const raw = JSON.stringify(e);
          return { raw, header: `mac=${zaloSignature(cfg.app_id, raw, e.timestamp, "not-the-oa-secret-key")}` };
        },
      ],
      [
        "APP SECRET USED INSTEAD OF OA SECRET KEY",
        () => {
          const e = event();
          const raw = JSON.stringify(e);
          return { raw, header: `mac=${zaloSignature(cfg.app_id, raw, e.timestamp, cfg.app_secret)}` };
        },
      ],
      [
        "ONE BYTE OF THE BODY CHANGED",
        () => {
          const e = event();
          const raw = JSON.stringify(e);
          const sig = zaloSignature(cfg.app_id, raw, e.timestamp, cfg.oa_secret_key);
          return { raw: raw.replace("xin chao", "xin chaO"), header: `mac=${sig}` };
        },
      ],
      ["MISSING HEADER", () => ({ raw: JSON.stringify(event()), header: undefined })],
      ["a garbage header", () => ({ raw: JSON.stringify(event()), header: "mac=not-a-signature" })],
      [
        "a signature over another timestamp",
        () => {
          const e = event();
          const raw = JSON.stringify(e);
          return { raw, header: zaloSignature(cfg.app_id, raw, String(Number(e.timestamp) - 1), cfg.oa_secret_key) };
        },
      ],
      [
        "OTHER APP ID (signed with that app id and the right key)",
        () => {
          const e = { ...event(), app_id: "3100000000000000999" };
          const raw = JSON.stringify(e);
          return { raw, header: `mac=${zaloSignature(e.app_id, raw, e.timestamp, cfg.oa_secret_key)}` };
        },
      ],
      [
        "OTHER APP ID in the body, signed with this app's id",
        () => {
          const e = { ...event(), app_id: "3100000000000000999" };
          const raw = JSON.stringify(e);
          return { raw, header: `mac=${zaloSignature(cfg.app_id, raw, e.timestamp, cfg.oa_secret_key)}` };
        },
      ],
    ];

    it.each(cases)("%s → 401", async (_label, make) => {
      await settle(t.app);
      const before = await oaRowCounts(t.testDb.db.db);
      const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
      const { raw, header } = make();
      const res = await postWebhook(t.app, raw, header);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: "invalid_signature", message: expect.any(String), requestId: expect.any(String) });
      await settle(t.app);
      expect(await oaRowCounts(t.testDb.db.db)).toEqual(before);
      expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore);
    });
  });

  it.each([
    ["bare hex", true],
    ['"mac=<hex>"', false],
  ] as const)("a valid signature (%s) → 200, stored with its raw body, processed, answered", async (_label, bare) => {
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
    const res = await deliverSigned(t.app, cfg, e, { bare });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });

    const [row] = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
    expect(row).toMatchObject({ event_name: "user_send_text", payload: JSON.stringify(e), received_at: clock.now().toISOString() });
    await settle(t.app);
    const [done] = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
    expect(done).toMatchObject({ status: "done", processed_at: clock.now().toISOString(), last_error: null });
    const sent = await sentTo(t.app, FOLLOWER);
    expect(sent).toHaveLength(sentBefore + 1);
    expect(sent.at(-1)!.message.text).toMatch(/Bạn muốn làm gì/);
  });

  it("an uppercase hex signature is accepted", async () => {
    const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
    const raw = JSON.stringify(e);
    const res = await postWebhook(t.app, raw, `mac=${zaloSignature(cfg.app_id, raw, e.timestamp, cfg.oa_secret_key).toUpperCase()}`);
    expect(res.statusCode).toBe(200);
    await settle(t.app);
  });

  it("the signature is checked on the bytes received: a body with extra spaces, signed as sent, is accepted", async () => {
    const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
    const raw = JSON.stringify(e, null, 2);
    const res = await postWebhook(t.app, raw, zaloSignature(cfg.app_id, raw, e.timestamp, cfg.oa_secret_key));
    expect(res.statusCode).toBe(200);
    const [row] = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
    expect(row!.payload).toBe(raw);
    await settle(t.app);
  });

  it("malformed JSON → 400 malformed_json, nothing stored", async () => {
    await settle(t.app);
    const before = await oaRowCounts(t.testDb.db.db);
    const raw = '{"app_id": "3100000000000000001", "event_name": "user_send_text", ';
    const res = await postWebhook(t.app, raw, zaloSignature(cfg.app_id, raw, "1", cfg.oa_secret_key));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: "malformed_json", message: expect.any(String), requestId: expect.any(String) });
    expect(await oaRowCounts(t.testDb.db.db)).toEqual(before);
  });

  it.each([
    ["an array", "[1,2,3]"],
    ["no event_name", JSON.stringify({ app_id: "3100000000000000001", timestamp: "1" })],
    ["no timestamp", JSON.stringify({ app_id: "3100000000000000001", event_name: "follow" })],
    ["no app_id", JSON.stringify({ event_name: "follow", timestamp: "1" })],
  ])("JSON that is not a Zalo event (%s) → 400 invalid_event, nothing stored", async (_label, raw) => {
    const before = await oaRowCounts(t.testDb.db.db);
    const res = await postWebhook(t.app, raw, zaloSignature(cfg.app_id, raw, "1", cfg.oa_secret_key));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("invalid_event");
    expect(await oaRowCounts(t.testDb.db.db)).toEqual(before);
  });

  it("THE SAME EVENT DELIVERED 5 TIMES → 200 each time, one inbox row, ONE REPLY", async () => {
    await settle(t.app);
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const res = await deliverSigned(t.app, cfg, e);
      expect(res.statusCode).toBe(200);
      answers.push(res.json().duplicate);
      await settle(t.app);
    }
    expect(answers).toEqual([false, true, true, true, true]);
    const rows = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("done");
    expect(await unfinishedJobsOf(t, rows[0]!.id)).toEqual([]);
    expect(await t.testDb.db.db.selectFrom("oa_messages").select("status").where("inbox_id", "=", rows[0]!.id).execute()).toEqual([{ status: "sent" }]);
    expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore + 1);
  });

  it("the same event delivered 5 times at once → one inbox row and one reply", async () => {
    await settle(t.app);
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
    const res = await Promise.all(Array.from({ length: 5 }, () => deliverSigned(t.app, cfg, e)));
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(res.filter((r) => r.json().duplicate === false)).toHaveLength(1);
    await settle(t.app);
    expect(await inboxByKey(t, `user_send_text:${e.message.msg_id}`)).toHaveLength(1);
    expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore + 1);
  });

  it("a follow without msg_id delivered twice (same bytes) is stored once; another follow later is a new event", async () => {
    const follow = (ts: number) => ({
      oa_id: cfg.oa_id,
      follower: { id: FOLLOWER },
      user_id_by_app: "5500000000000000002",
      event_name: "follow",
      source: "oa_profile",
      app_id: cfg.app_id,
      timestamp: String(ts),
    });
    const first = follow(clock.now().getTime());
    expect((await deliverSigned(t.app, cfg, first)).json()).toEqual({ received: true, duplicate: false });
    expect((await deliverSigned(t.app, cfg, first)).json()).toEqual({ received: true, duplicate: true });
    expect((await deliverSigned(t.app, cfg, follow(clock.now().getTime() + 1))).json()).toEqual({ received: true, duplicate: false });
    await settle(t.app);
  });

  it("a sticker counts as an interaction and is answered with the menu", async () => {
    await settle(t.app);
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    const e = {
      app_id: cfg.app_id,
      user_id_by_app: "5500000000000000002",
      event_name: "user_send_sticker",
      timestamp: String(clock.now().getTime() + 5000), // later than every earlier event of this user
      sender: { id: FOLLOWER },
      recipient: { id: cfg.oa_id },
      message: { msg_id: "sticker-1", attachments: [{ type: "sticker", payload: { id: "abc" } }] },
    };
    expect((await deliverSigned(t.app, cfg, e)).statusCode).toBe(200);
    await settle(t.app);
    const [row] = await inboxByKey(t, "user_send_sticker:sticker-1");
    expect(row).toMatchObject({ status: "done" });
    const sent = await sentTo(t.app, FOLLOWER);
    expect(sent).toHaveLength(sentBefore + 1);
    expect(sent.at(-1)!.message.text).toMatch(/chỉ đọc được tin nhắn chữ/);
    const sub = await t.testDb.db.db.selectFrom("subscribers").select("last_interaction_at").where("user_id", "=", FOLLOWER).executeTakeFirstOrThrow();
    expect(sub.last_interaction_at).toBe(new Date(Number(e.timestamp)).toISOString());
  });

  it("an unknown event type is stored, marked ignored, and not answered", async () => {
    await settle(t.app);
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    const e = {
      app_id: cfg.app_id,
      event_name: "shop_has_order",
      timestamp: String(clock.now().getTime()),
      oa_id: cfg.oa_id,
      order: { id: "order-1" },
    };
    const res = await deliverSigned(t.app, cfg, e);
    expect(res.statusCode).toBe(200);
    await settle(t.app);
    const rows = await t.testDb.db.db.selectFrom("webhook_inbox").selectAll().where("event_name", "=", "shop_has_order").execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_name: "shop_has_order", status: "ignored", processed_at: clock.now().toISOString(), payload: JSON.stringify(e) });
    expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore);
    expect(await t.testDb.db.db.selectFrom("oa_messages").selectAll().where("inbox_id", "=", rows[0]!.id).execute()).toEqual([]);
  });

  it("a processing error (OA answers -32) is retried and never loses the event; the reply goes out exactly once", async () => {
    await settle(t.app);
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    await setFaults(t, { errorRate: 1, errorCode: -32 });
    try {
      const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
      expect((await deliverSigned(t.app, cfg, e)).statusCode).toBe(200);
      await settle(t.app);

      const [row] = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
      expect(row).toMatchObject({ status: "planned", payload: JSON.stringify(e) });
      let [job] = await jobsOf(t, row!.id);
      expect(job).toMatchObject({ status: "waiting", attempts: 1 });
      expect(job!.last_error).toContain("-32");
      expect(Date.parse(job!.run_at)).toBeGreaterThan(clock.now().getTime());
      const planned = await t.testDb.db.db.selectFrom("oa_messages").selectAll().where("inbox_id", "=", row!.id).execute();
      expect(planned).toHaveLength(1);
      expect(planned[0]).toMatchObject({ status: "queued", user_id: FOLLOWER, kind: "cs" });
      expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore);

      // Still failing when the retry comes: rescheduled again, the event still there.
      clock.advanceMinutes(1);
      await settle(t.app);
      [job] = await jobsOf(t, row!.id);
      expect(job).toMatchObject({ status: "waiting", attempts: 2 });
      expect((await inboxByKey(t, `user_send_text:${e.message.msg_id}`))[0]!.status).toBe("planned");

      // Zalo answers again: the next retry sends the planned reply, once.
      await setFaults(t, { errorRate: 0 });
      clock.advanceMinutes(1);
      await settle(t.app);
      expect(await unfinishedJobsOf(t, row!.id)).toEqual([]);
      expect((await inboxByKey(t, `user_send_text:${e.message.msg_id}`))[0]!.status).toBe("done");
      const sent = await sentTo(t.app, FOLLOWER);
      expect(sent).toHaveLength(sentBefore + 1);
      expect(sent.at(-1)!.message.text).toMatch(/Bạn muốn làm gì/);
      const stored = await t.testDb.db.db.selectFrom("oa_messages").selectAll().where("inbox_id", "=", row!.id).execute();
      expect(stored).toEqual([expect.objectContaining({ status: "sent", zalo_message_id: sent.at(-1)!.message_id })]);

      // Time passing and the queue running again change nothing.
      clock.advanceMinutes(30);
      await settle(t.app);
      expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore + 1);
    } finally {
      await setFaults(t, { errorRate: 0 });
    }
  });

  it("when every retry fails the event stays in the inbox, marked failed with the error, and nothing is sent", async () => {
    await settle(t.app);
    const sentBefore = (await sentTo(t.app, FOLLOWER)).length;
    await setFaults(t, { errorRate: 1, errorCode: -32 });
    try {
      const e = userTextEvent(cfg, FOLLOWER, "menu", { timestamp: clock.now().getTime() });
      expect((await deliverSigned(t.app, cfg, e)).statusCode).toBe(200);
      await settle(t.app);
      const [row] = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
      for (let i = 0; i < WEBHOOK_JOB_ATTEMPTS + 2; i++) {
        clock.advanceMinutes(11); // past the longest backoff (10 min)
        await settle(t.app);
      }
      const [job] = await jobsOf(t, row!.id);
      expect(job).toMatchObject({ status: "failed", attempts: WEBHOOK_JOB_ATTEMPTS });
      const [kept] = await inboxByKey(t, `user_send_text:${e.message.msg_id}`);
      expect(kept).toMatchObject({ id: row!.id, status: "failed", payload: JSON.stringify(e) });
      expect(kept!.last_error).toContain("-32");
      expect(await sentTo(t.app, FOLLOWER)).toHaveLength(sentBefore);
    } finally {
      await setFaults(t, { errorRate: 0 });
    }
  });
});

describe.each(DIALECTS)("the sandbox retries a failed webhook on Zalo's schedule, on %s", (dialect) => {
  let t: TestApp | undefined;
  let stub: HttpStub;
  const USER = "7700000000000000003";

  beforeAll(async () => {
    stub = await startHttpStub();
    let failuresLeft = 2;
    // The receiver hands every delivery to the bot, but tells the sandbox that the first two deliveries of the
    // user's message failed (as if the answer had been lost): Zalo delivers it again, with num_retry.
    stub.respond = async (r) => {
      if (!t) return { status: 503 };
      const forwarded = await t.app.inject({
        method: "POST",
        url: "/webhooks/zalo",
        headers: { "content-type": "application/json", "x-zevent-signature": String(r.headers["x-zevent-signature"] ?? "") },
        payload: r.raw,
      });
      if (r.json?.event_name === "user_send_text" && failuresLeft > 0) {
        failuresLeft--;
        return { status: 500, body: { error: "try again" } };
      }
      return { status: forwarded.statusCode, body: forwarded.json() };
    };
    t = await createTestApp(dialect, { course }, { SANDBOX_WEBHOOK_URL: `${stub.url}/zalo-hook`, SANDBOX_RETRY_SCALE: "0.0002" });
    await t.app.ready();
    await oaConnected(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await stub.close();
  });

  it("delivers again with num_retry 1, 2 until it gets 200, and the bot answers once", async () => {
    const app = t!.app;
    await userDoes(app, USER, "follow");
    const afterFollow = (await sentTo(app, USER)).length;
    expect(afterFollow).toBeGreaterThan(0);

    const sent = await app.inject({ method: "POST", url: `/sandbox/users/${USER}/send`, payload: { text: "menu" } });
    expect(sent.statusCode).toBe(200);
    const msgId = sent.json().msg_id as string;

    const tries = () =>
      stub.requests.filter((r) => (r.json?.message as { msg_id?: string } | undefined)?.msg_id === msgId && r.json?.event_name === "user_send_text");
    await expect.poll(() => tries().length, { timeout: 10_000 }).toBe(3);
    expect(tries().map((r) => r.headers["num_retry"])).toEqual([undefined, "1", "2"]);
    expect(tries().every((r) => r.url === "/zalo-hook")).toBe(true);
    // Each try carries the same bytes and the same valid signature.
    expect(new Set(tries().map((r) => r.raw.toString("utf8"))).size).toBe(1);
    // The third try has reached the receiver; the sandbox records it once the receiver's answer is back.
    const deliveries = async () =>
      ((await app.inject({ url: "/sandbox/deliveries" })).json() as { event_name: string; attempts: number; status: string; last_status: number }[]).filter(
        (d) => d.event_name === "user_send_text",
      );
    await expect.poll(deliveries, { timeout: 10_000 }).toEqual([{ event_name: "user_send_text", attempts: 3, status: "delivered", last_status: 200 }]);

    await settle(app);
    await expect.poll(async () => (await sentTo(app, USER)).length).toBe(afterFollow + 1);
    await settle(app);
    expect(await sentTo(app, USER)).toHaveLength(afterFollow + 1);
    const rows = await t!.testDb.db.db.selectFrom("webhook_inbox").selectAll().where("event_key", "=", `user_send_text:${msgId}`).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("done");
  });

  // A Zalo docs digest and an integration guide: retries after 30 s, 5 min, 15 min, 30 min, 1 h with num_retry;
  // zalo-platform.md quotes another guide saying about 12 hours; then the webhook is disabled. Default "12h".
  it("a webhook that always fails is retried for about 12 hours (num_retry 1…15), then disabled — and /health says so", async () => {
    const app = t!.app;
    const before = stub.requests.length;
    const saved = stub.respond;
    stub.respond = () => ({ status: 500 });
    try {
      const sent = await app.inject({ method: "POST", url: `/sandbox/users/${USER}/send`, payload: { text: "menu" } });
      const msgId = sent.json().msg_id as string;
      await expect
        .poll(async () => ((await app.inject({ url: "/sandbox/deliveries" })).json() as { status: string }[]).filter((d) => d.status === "gave_up").length, {
          timeout: 30_000,
        })
        .toBe(1);
      const tries = stub.requests.slice(before).filter((r) => (r.json?.message as { msg_id?: string } | undefined)?.msg_id === msgId);
      expect(tries.map((r) => r.headers["num_retry"])).toEqual([undefined, ...Array.from({ length: 15 }, (_, i) => String(i + 1))]);
      const webhook = (await app.inject({ url: "/sandbox/webhook" })).json() as { disabled: boolean; retryScheduleMs: number[] };
      expect(webhook.disabled).toBe(true);
      const total = webhook.retryScheduleMs.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(11 * 3600_000);
      expect(total).toBeLessThanOrEqual(12 * 3600_000);
      expect((await app.inject({ url: "/health" })).json().webhook).toMatchObject({ status: "disabled" });
    } finally {
      stub.respond = saved;
    }
    // Disabled: nothing reaches the server until the webhook is enabled again.
    const seen = stub.requests.length;
    await app.inject({ method: "POST", url: `/sandbox/users/${USER}/send`, payload: { text: "menu" } });
    await new Promise((r) => setTimeout(r, 200));
    expect(stub.requests.length).toBe(seen);
    expect((await app.inject({ url: "/sandbox/webhook" })).json()).toMatchObject({ disabled: true, droppedWhileDisabled: 1 });
    await app.inject({ method: "POST", url: "/sandbox/webhook/enable" });
    await app.inject({ method: "POST", url: `/sandbox/users/${USER}/send`, payload: { text: "menu" } });
    await expect.poll(() => stub.requests.length, { timeout: 10_000 }).toBeGreaterThan(seen);
    expect((await app.inject({ url: "/health" })).json().webhook).toMatchObject({ status: "ok" });
  });
});

describe.each(DIALECTS)("events stored before a restart on %s", (dialect) => {
  let testDb: TestDb;
  let app: FastifyInstance | undefined;
  const clock = manualClock(new Date("2025-06-02T02:00:00.000Z"));
  const USER = "7700000000000000004";

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
  });
  afterAll(async () => {
    await app?.close();
    await testDb.cleanup();
  });

  it("an event stored and queued but not yet processed when the server stopped is answered once after the start", async () => {
    // The first run: its worker has stopped taking jobs (the server is shutting down) when the event arrives.
    const first = await appOnDb(testDb, { course, clock });
    await first.ready();
    await oaConnected(first);
    await first.jobs.stop();
    const cfg = await sandboxConfig(first);
    const e = userTextEvent(cfg, USER, "menu", { timestamp: clock.now().getTime() });
    expect((await deliverSigned(first, cfg, e)).statusCode).toBe(200);
    await first.close();
    const [stored] = await testDb.db.db.selectFrom("webhook_inbox").selectAll().execute();
    expect(stored).toMatchObject({ status: "pending", event_key: `user_send_text:${e.message.msg_id}` });
    const inboxId = stored!.id;
    expect(await testDb.db.db.selectFrom("jobs").select("status").execute()).toEqual([{ status: "waiting" }]);
    // The sandbox's pretend Zalo does not survive a restart: the tokens stored by the first run mean nothing to the
    // new one, and the server must connect the sandbox OA again rather than fail on them.

    // The server starts again (the sandbox forgets everything: the user follows it anew before the queue starts).
    app = await appOnDb(testDb, { course, clock });
    const world = app.sandbox!.world;
    const u = world.addUser(USER);
    u.following = true;
    u.lastInteractionAt = world.now();
    await app.ready();
    await oaConnected(app);
    await settle(app);

    const sent = await sentTo(app, USER);
    expect(sent.map((m) => m.message.text)).toEqual([expect.stringMatching(/Bạn muốn làm gì/)]);
    const [row] = await testDb.db.db.selectFrom("webhook_inbox").selectAll().where("id", "=", inboxId).execute();
    expect(row!.status).toBe("done");
    expect(await testDb.db.db.selectFrom("oa_messages").selectAll().where("inbox_id", "=", inboxId).execute()).toEqual([
      expect.objectContaining({ status: "sent", zalo_message_id: sent[0]!.message_id }),
    ]);
  });

  it("an event stored but never queued (the process died between the two) is queued and answered at the next start", async () => {
    await app?.close();
    const repos = repositories(testDb.db.db, testDb.db.dialect);
    const e = userTextEvent({ app_id: "3100000000000000001", oa_id: "3100000000000000003" } as SandboxConfig, USER, "menu", {
      timestamp: clock.now().getTime(),
    });
    const key = `user_send_text:${e.message.msg_id}`;
    const inboxId = (
      await repos.inbox.insertManyNew([
        {
          event_key: key,
          event_name: "user_send_text",
          payload: JSON.stringify(e),
          status: "pending",
          last_error: null,
          received_at: clock.now().toISOString(),
          processed_at: null,
        },
      ])
    ).get(key)!;
    expect(await testDb.db.db.selectFrom("jobs").selectAll().where("payload", "=", JSON.stringify({ inboxId })).execute()).toEqual([]);

    app = await appOnDb(testDb, { course, clock });
    const u = app.sandbox!.world.addUser(USER);
    u.following = true;
    u.lastInteractionAt = app.sandbox!.world.now();
    await app.ready();
    await oaConnected(app);
    await settle(app);
    expect((await sentTo(app, USER)).map((m) => m.message.text)).toEqual([expect.stringMatching(/Bạn muốn làm gì/)]);
    expect((await testDb.db.db.selectFrom("webhook_inbox").select("status").where("id", "=", inboxId!).executeTakeFirst())!.status).toBe("done");
  });
});
