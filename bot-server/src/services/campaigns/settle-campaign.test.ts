import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "../../../../tests/helpers/databases.js";
import { manualClock } from "../../../../tests/helpers/fixture.js";
import type { JobQueue } from "../../jobs/queue.js";
import { repositories, type Repositories } from "../../repositories/index.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient } from "../../zalo/oa-client.js";
import { loadAreas } from "../areas.js";
import { deliverBatch, DELIVERY_BATCH, queueBatches } from "./deliver-batch.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { deliverOne, deliveryFailedForGood } from "./deliver-one.js";
import { planDeliveries } from "./plan-deliveries.js";

const HOUR = 3600_000;
const NOW = new Date("2025-06-02T02:00:00.000Z"); // 09:00 in Vietnam

describe.each(DIALECTS)("a campaign becomes done on %s", (dialect) => {
  let testDb: TestDb;
  let repos: Repositories;
  let deps: DeliveryDeps;
  const clock = manualClock(NOW);
  let queued: number[] = [];
  /** What Zalo answers per follower: nothing (sent) or an error code. */
  const zalo = new Map<string, number>();

  /** Single jobs that rows left their batch for: key → delay. */
  let singles = new Map<string, number>();
  const queue = {
    add: async (_q: string, _p: unknown, o: { key: string; delayMs?: number }) => void singles.set(o.key, o.delayMs ?? 0),
    // Keys make a job single, as in the real queues.
    // Planning queues batches of delivery ids; the tests deliver them one by one.
    addBulk: async (_q: string, jobs: { payload: { deliveryIds: number[] } }[]) => {
      for (const j of jobs) for (const id of j.payload.deliveryIds) if (!queued.includes(id)) queued.push(id);
    },
  } as unknown as JobQueue;
  const oa = {
    send: async (_kind: string, userId: string) => {
      const code = zalo.get(userId);
      if (code !== undefined) throw new ZaloApiError(code, "test");
      return { messageId: `m-${userId}`, quotaType: "reply" };
    },
    quota: async () => ({ type: "sub_quota", remain: 0, total: 0 }),
  } as unknown as OaClient;

  const status = async (id: number) => (await repos.campaigns.findById(id))!.status;

  async function follower(id: string, hoursAgo: number) {
    const at = new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();
    await testDb.db.db
      .insertInto("subscribers")
      .values({
        user_id: id,
        display_name: null,
        following: 1,
        followed_at: at,
        unfollowed_at: null,
        last_interaction_at: at,
        consent_version: "v",
        consent_text: "t",
        consent_at: at,
        province_code: "01",
        commune_code: "00004",
        topics: '["an-toan-mang"]',
        news_enabled: 1,
        dialogue: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  async function sendingCampaign(topic = "an-toan-mang"): Promise<number> {
    const now = NOW.toISOString();
    return repos.campaigns.insert({
      title: "Tin",
      content: JSON.stringify({ text: "Nội dung", imageUrl: null, buttons: [] }),
      area_code: "00004",
      communes: "[]",
      topics: JSON.stringify([topic]),
      allow_paid: 0,
      budget_vnd: 0,
      use_promotion: 0,
      status: "sending",
      created_by: "official",
      created_at: now,
      updated_at: now,
      sent_by: "official",
      sent_at: now,
    });
  }

  beforeAll(async () => {
    testDb = await createTestDb(dialect);
    repos = repositories(testDb.db.db, testDb.db.dialect);
    deps = {
      repos,
      queue,
      oa,
      areas: loadAreas(),
      clock,
      costs: { paidMessageVnd: 55, promotionMessageVnd: 120, promotionEligible: false, freeRepliesPerWindow: 8 },
      lessonUrl: (id) => `https://example.org/?lesson=${id}`,
    };
    await follower("u1", 1); // free window: pushed
    await follower("u2", 2); // free window: pushed
    await follower("u3", 24 * 10); // older than 7 days: the inbox
  });
  afterAll(async () => {
    await testDb.cleanup();
  });
  beforeEach(async () => {
    queued = [];
    singles = new Map();
    zalo.clear();
    await testDb.db.db.deleteFrom("deliveries").execute();
  });

  it("is done when the last open delivery settles, not before", async () => {
    const id = await sendingCampaign();
    await planDeliveries(deps, id);
    expect(queued).toHaveLength(2);
    expect(await status(id)).toBe("sending");
    await deliverOne(deps, queued[0]!);
    expect(await status(id)).toBe("sending");
    await deliverOne(deps, queued[1]!);
    expect(await status(id)).toBe("done");
    // A late duplicate job changes nothing.
    await deliverOne(deps, queued[1]!);
    expect(await status(id)).toBe("done");
  });

  it("counts held and failed deliveries as settled", async () => {
    zalo.set("u1", -230); // unreachable: held in the inbox
    zalo.set("u2", -201); // permanent: failed
    const id = await sendingCampaign();
    await planDeliveries(deps, id);
    for (const d of queued) await deliverOne(deps, d);
    const states = (await testDb.db.db.selectFrom("deliveries").select("state").where("campaign_id", "=", id).orderBy("user_id").execute()).map((r) => r.state);
    expect(states).toEqual(["held", "failed", "held"]);
    expect(await status(id)).toBe("done");
  });

  it("a retryable error leaves the campaign sending; the job failing for good finishes it", async () => {
    zalo.set("u2", -32);
    const id = await sendingCampaign();
    await planDeliveries(deps, id);
    await deliverOne(deps, queued[0]!);
    await expect(deliverOne(deps, queued[1]!)).rejects.toThrow(ZaloApiError);
    expect(await status(id)).toBe("sending");
    await deliveryFailedForGood(deps, queued[1]!, -32);
    expect(await status(id)).toBe("done");
  });

  it("with nothing to push is done as soon as planning ends", async () => {
    const onlyInbox = await sendingCampaign();
    await testDb.db.db
      .updateTable("subscribers")
      .set({ last_interaction_at: new Date(NOW.getTime() - 240 * HOUR).toISOString() })
      .execute();
    try {
      await planDeliveries(deps, onlyInbox);
    } finally {
      await testDb.db.db
        .updateTable("subscribers")
        .set({ last_interaction_at: new Date(NOW.getTime() - HOUR).toISOString() })
        .where("user_id", "in", ["u1", "u2"])
        .execute();
    }
    expect(queued).toEqual([]);
    expect(await status(onlyInbox)).toBe("done");
    // No one in the audience at all.
    const nobody = await sendingCampaign("thanh-toan");
    await planDeliveries(deps, nobody);
    expect(await status(nobody)).toBe("done");
  });

  it("is not done while planning may still add rows, even when every row so far is settled", async () => {
    const id = await sendingCampaign();
    const now = NOW.toISOString();
    await repos.deliveries.insertMany([
      { campaign_id: id, user_id: "u1", kind: "cs", state: "sent", zalo_message_id: "m", error_code: null, created_at: now, updated_at: now },
    ]);
    expect(await repos.campaigns.finishIfSettled(id, now)).toBe(false);
    expect(await status(id)).toBe("sending");
    await repos.campaigns.markPlanned(id, now);
    expect(await repos.campaigns.finishIfSettled(id, now)).toBe(true);
    expect(await repos.campaigns.finishIfSettled(id, now)).toBe(false); // once
  });

  it("a cancelled campaign stays cancelled", async () => {
    const id = await sendingCampaign();
    await planDeliveries(deps, id);
    await repos.campaigns.transition(id, ["sending"], { status: "cancelled" });
    for (const d of queued) await deliverOne(deps, d);
    expect(await status(id)).toBe("cancelled");
  });

  describe("a batch job", () => {
    const states = async (id: number) =>
      (await testDb.db.db.selectFrom("deliveries").select(["user_id", "state", "error_code"]).where("campaign_id", "=", id).orderBy("user_id").execute()).map(
        (r) => `${r.user_id}:${r.state}${r.error_code ? `:${r.error_code}` : ""}`,
      );

    it("sends its rows, skips those already settled, and finishes the campaign", async () => {
      const id = await sendingCampaign();
      await planDeliveries(deps, id);
      await deliverOne(deps, queued[0]!); // settled before the batch runs
      await deliverBatch(deps, queued);
      expect(await states(id)).toEqual(["u1:sent", "u2:sent", "u3:held"]);
      expect(await status(id)).toBe("done");
      expect(singles.size).toBe(0);
    });

    it("hands a row with a retryable error to a job of its own, delayed, and records the others", async () => {
      zalo.set("u1", -32);
      zalo.set("u2", -201);
      const id = await sendingCampaign();
      await planDeliveries(deps, id);
      await deliverBatch(deps, queued);
      expect(await states(id)).toEqual(["u1:planned:-32", "u2:failed:-201", "u3:held"]);
      const [key, delay] = [...singles.entries()][0]!;
      expect(key).toBe(`delivery:${queued[0]}`);
      expect(delay).toBeGreaterThan(0);
      expect(await status(id)).toBe("sending");
      zalo.clear();
      await deliverOne(deps, queued[0]!);
      expect(await status(id)).toBe("done");
    });

    it("fails the rows of people who unfollowed since planning, and cancels all when the campaign was cancelled", async () => {
      const id = await sendingCampaign();
      await planDeliveries(deps, id);
      // An unfollow event (evidence, not a lack of it).
      await testDb.db.db.updateTable("subscribers").set({ following: 0, follow_checked_at: NOW.toISOString() }).where("user_id", "=", "u2").execute();
      try {
        await deliverBatch(deps, [queued[1]!]);
      } finally {
        await testDb.db.db.updateTable("subscribers").set({ following: 1 }).where("user_id", "=", "u2").execute();
      }
      expect(await states(id)).toEqual(["u1:planned", "u2:failed:-213", "u3:held"]);
      await repos.campaigns.transition(id, ["sending"], { status: "cancelled" });
      await deliverBatch(deps, queued);
      expect(await states(id)).toEqual(["u1:cancelled", "u2:failed:-213", "u3:held"]);
    });

    it("planning queues batches of at most DELIVERY_BATCH ids, keyed by their first id", async () => {
      const jobs: { payload: { deliveryIds: number[] }; opts: { key: string } }[] = [];
      const ids = Array.from({ length: DELIVERY_BATCH * 2 + 3 }, (_, i) => i + 1);
      await queueBatches({ queue: { addBulk: async (_q: string, j: typeof jobs) => void jobs.push(...j) } as unknown as JobQueue }, ids);
      expect(jobs.map((j) => j.payload.deliveryIds.length)).toEqual([DELIVERY_BATCH, DELIVERY_BATCH, 3]);
      expect(jobs.map((j) => j.opts.key)).toEqual(["delivery-batch:1", `delivery-batch:${DELIVERY_BATCH + 1}`, `delivery-batch:${2 * DELIVERY_BATCH + 1}`]);
    });
  });
});
