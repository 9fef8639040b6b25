import { randomBytes } from "node:crypto";
import type Bottleneck from "bottleneck";
import { describe, expect, it } from "vitest";
import { zaloRateLimiter } from "../../bot-server/src/zalo/oa-client.js";

// Scale-out mode: every process draws on one quota through Redis.
describe("the shared Zalo rate limiter", () => {
  it("limiters sharing a Redis and prefix space their calls together, across clients (scale-out mode)", async () => {
    const shared = { redisUrl: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", prefix: `ksc-test-${randomBytes(4).toString("hex")}` };
    const one = zaloRateLimiter(1200, shared); // 50 ms apart
    const two = zaloRateLimiter(1200, shared);
    try {
      const starts: number[] = [];
      const call = (l: Bottleneck) => l.schedule(async () => void starts.push(Date.now()));
      await Promise.all([...Array.from({ length: 8 }, () => call(one)), ...Array.from({ length: 8 }, () => call(two))]);
      starts.sort((a, b) => a - b);
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
      // Two processes at the full rate each would start calls ~0 ms apart half the time.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(35);
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(15 * 45);
    } finally {
      await Promise.all([one.disconnect(), two.disconnect()]);
    }
  });
});
