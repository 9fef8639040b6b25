import { describe, expect, it } from "vitest";
import type { JobName } from "../payloads.js";
import type { JobQueue } from "../queue.js";
import { jobHandlers, processJobs } from "./index.js";
import type { JobDeps } from "./job-deps.js";

/** Only what building the handlers reads; running them is the integration tests' business. */
const deps = {
  links: { lesson: (id: string) => id, home: () => "" },
  config: {
    campaignCosts: { paidMessageVnd: 55, promotionMessageVnd: 0, promotionEligible: false, freeRepliesPerWindow: 8 },
    nearestCommuneKm: 15,
    zaloTags: { enabled: true, prefix: "ksc" },
    zaloUserQuotaApi: true,
    followerImportHours: 24,
  },
} as unknown as JobDeps;

describe("the job handlers", () => {
  it("put one handler on the queue for every job, with how many run at once and what a last failure does", () => {
    const seen: Record<string, { concurrency: number | undefined; onFailed: boolean }> = {};
    const queue = {
      process: (name: string, _run: unknown, o: { concurrency?: number; onFailed?: unknown }) =>
        void (seen[name] = { concurrency: o.concurrency, onFailed: typeof o.onFailed === "function" }),
    };
    processJobs(queue as unknown as JobQueue, jobHandlers(deps));
    expect(seen).toEqual({
      webhook: { concurrency: 4, onFailed: true },
      "follower-check": { concurrency: 2, onFailed: false },
      "follower-tags": { concurrency: 2, onFailed: false },
      "followers-import": { concurrency: 1, onFailed: true },
      "campaign-plan": { concurrency: 1, onFailed: true },
      "delivery-batch": { concurrency: 2, onFailed: true },
      delivery: { concurrency: 4, onFailed: true },
    } satisfies Record<JobName, unknown>);
  });

  it("take only the payload of their job (checked by the compiler: tsc fails when an expected error is missing)", () => {
    const typed = {} as JobQueue;
    const neverCalled = () => {
      // @ts-expect-error a delivery job carries a deliveryId
      void typed.add("delivery", { campaignId: 1 });
      // @ts-expect-error there is no such job
      void typed.add("deliveries", { deliveryId: 1 });
      // @ts-expect-error ids are numbers, as the database gives them
      void typed.addBulk("delivery-batch", [{ payload: { deliveryIds: ["1"] } }]);
      void typed.add("delivery", { deliveryId: 1 });
    };
    expect(typeof neverCalled).toBe("function");
  });
});
