import { ZaloApiError } from "../../zalo/errors.js";
import { detailsOf, type FollowerDeps } from "./import-followers.js";

/**
 * Asks Zalo (user/detail) about people whose follow state we have no evidence of — someone who subscribed in the
 * chat without a `follow` event on record (they followed before this server existed) — and records the answer.
 * Those Zalo does not know (-201) are recorded as not following. Errors other than Zalo's refusals leave the
 * person unknown (a campaign then holds their news in the inbox rather than calling them unfollowed).
 */
export async function checkFollowers(
  deps: Pick<FollowerDeps, "repos" | "oa" | "clock">,
  userIds: string[],
): Promise<{ following: number; notFollowing: number; failed: number }> {
  if (userIds.length === 0) return { following: 0, notFollowing: 0, failed: 0 };
  try {
    const { rows, unknownToZalo } = await detailsOf(deps, userIds);
    const checkedAt = deps.clock.now().toISOString();
    await deps.repos.subscribers.recordFromZalo(
      [...rows, ...unknownToZalo.map((userId) => ({ userId, following: false, lastInteractionAt: null, displayName: null }))],
      checkedAt,
    );
    const following = rows.filter((r) => r.following).length;
    return { following, notFollowing: userIds.length - following, failed: 0 };
  } catch (err) {
    if (err instanceof ZaloApiError) return { following: 0, notFollowing: 0, failed: userIds.length };
    throw err;
  }
}

/** Before a campaign is planned: every subscribed person of unknown follow state that `inAudience` accepts is checked. */
export async function checkUnknownAudience(
  deps: Pick<FollowerDeps, "repos" | "oa" | "clock">,
  inAudience: (row: { province_code: string | null; commune_code: string | null; topics: string[] }) => boolean,
): Promise<{ checked: number; following: number; failed: number }> {
  let after = "";
  const total = { checked: 0, following: 0, failed: 0 };
  for (;;) {
    const page = await deps.repos.subscribers.unknownSubscribed(after, 500);
    if (page.length === 0) return total;
    after = page[page.length - 1]!.user_id;
    const ids = page.filter(inAudience).map((r) => r.user_id);
    const r = await checkFollowers(deps, ids);
    total.checked += ids.length;
    total.following += r.following;
    total.failed += r.failed;
  }
}
