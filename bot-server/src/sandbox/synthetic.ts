/**
 * Synthetic followers for load tests and benchmarks: the sandbox and the app's database are seeded from the same
 * numbers, so follower i is the same person on both sides. Deterministic: run i gives the same person every time.
 */
export interface SyntheticFollower {
  /** A 19-digit id, as Zalo's are. */
  id: string;
  following: boolean;
  /** Hours since the person last wrote to the OA. */
  hoursSinceInteraction: number;
  /** Picks the commune (modulo the communes on offer). */
  communeIndex: number;
  /** Subscribed to the news topics (the rest turned them off). */
  newsOn: boolean;
}

/** A 32-bit integer hash (Thomas Wang's), enough to spread the followers' traits evenly. */
function hash(n: number): number {
  let x = n | 0;
  x = x ^ 61 ^ (x >>> 16);
  x = Math.imul(x, 9);
  x ^= x >>> 4;
  x = Math.imul(x, 0x27d4eb2d);
  x ^= x >>> 15;
  return x >>> 0;
}

export const syntheticId = (i: number) => `9${String(i).padStart(18, "0")}`;

/** Mostly recent (within 48 hours), some 2–7 days, a few older; 2 % unfollowed, 3 % with news turned off. */
export function syntheticFollower(i: number): SyntheticFollower {
  const h = hash(i + 1);
  const band = h % 100;
  const hours = band < 80 ? (h >>> 8) % 47 : band < 92 ? 49 + ((h >>> 8) % 110) : 170 + ((h >>> 8) % 500);
  return {
    id: syntheticId(i),
    following: (h >>> 20) % 50 !== 0,
    hoursSinceInteraction: hours,
    communeIndex: (h >>> 4) % 100_003,
    newsOn: (h >>> 12) % 34 !== 0,
  };
}
