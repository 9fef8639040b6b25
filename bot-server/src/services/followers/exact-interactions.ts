import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient } from "../../zalo/oa-client.js";

const HOUR = 3600_000;
const AT_ONCE = 8;

/**
 * Before a campaign is planned: people whose last interaction Zalo gave only as a date, and whose date's start is
 * 48–72 hours ago, may still be in their free 48 h. Zalo's per-person quota (v3 quota/message) gives the exact
 * time and the free replies left; it is recorded, so planning counts them right instead of taking them from the
 * OA's quota. A person Zalo will not answer about keeps the date (planning stays on the safe side).
 */
export async function refineDatedInteractions(
  deps: { repos: Repositories; oa: OaClient; clock: Clock },
  inAudience: (row: { province_code: string | null; commune_code: string | null; topics: string[] }) => boolean,
): Promise<{ asked: number; refined: number }> {
  const now = deps.clock.now().getTime();
  const from = new Date(now - 72 * HOUR).toISOString();
  const to = new Date(now - 48 * HOUR).toISOString();
  let after = "";
  let asked = 0;
  let refined = 0;
  for (;;) {
    const page = await deps.repos.subscribers.datedBetween(after, 500, from, to);
    if (page.length === 0) return { asked, refined };
    after = page[page.length - 1]!.user_id;
    const ids = page.filter(inAudience).map((r) => r.user_id);
    let next = 0;
    const lane = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        asked++;
        try {
          const q = await deps.oa.userQuota(id);
          if (!q.lastInteractionAt) continue;
          const used = q.freeRepliesLeft !== null && q.freeRepliesTotal !== null ? Math.max(0, q.freeRepliesTotal - q.freeRepliesLeft) : null;
          await deps.repos.subscribers.recordExactInteraction(id, q.lastInteractionAt, used, deps.clock.now().toISOString());
          refined++;
        } catch (err) {
          if (!(err instanceof ZaloApiError)) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, ids.length) }, lane));
  }
}
