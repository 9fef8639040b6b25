import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import type { SubscriberRow } from "../../repositories/subscribers.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient } from "../../zalo/oa-client.js";
import { knownUnfollowed } from "../campaigns/plan-campaign.js";

export interface TagSettings {
  enabled: boolean;
  /** Keeps this server's tags apart from those officials make by hand in Zalo's OA Manager. */
  prefix: string;
}

/** One tag per commune and per topic the person receives news of: officials reach the same people in OA Manager. */
export function wantedTags(sub: Pick<SubscriberRow, "news_enabled" | "commune_code" | "topics" | "following" | "follow_checked_at">, s: TagSettings): string[] {
  if (!s.enabled || !sub.news_enabled || knownUnfollowed(sub) || !sub.commune_code) return [];
  return [`${s.prefix}-xa-${sub.commune_code}`, ...sub.topics.map((t) => `${s.prefix}-${t}`)].sort();
}

/**
 * Mirrors a follower's subscription into OA tags (tag/tagfollower, tag/rmfollowerfromtag; zalo-php-sdk
 * ZaloEndPoint): tags they should have are added, tags this server added and they should no longer have are
 * removed. Re-running does nothing more. Someone who no longer follows (-213) keeps no tag of ours.
 */
export async function mirrorTags(
  deps: { repos: Repositories; oa: OaClient; clock: Clock },
  userId: string,
  s: TagSettings,
): Promise<{ added: number; removed: number }> {
  const sub = await deps.repos.subscribers.find(userId);
  const wanted = new Set(sub ? wantedTags(sub, s) : []);
  const rows = await deps.repos.followerTags.ofUser(userId);
  const has = new Set(rows.filter((r) => r.state === "tagged").map((r) => r.tag_name));
  const now = () => deps.clock.now().toISOString();
  let added = 0;
  let removed = 0;
  for (const tag of wanted) {
    if (has.has(tag)) continue;
    try {
      await deps.oa.tagFollower(userId, tag);
      await deps.repos.followerTags.set(userId, tag, "tagged", now());
      added++;
    } catch (err) {
      if (!(err instanceof ZaloApiError) || err.code !== -213) throw err;
      return { added, removed };
    }
  }
  for (const tag of has) {
    if (wanted.has(tag)) continue;
    await deps.oa.untagFollower(userId, tag);
    await deps.repos.followerTags.set(userId, tag, "removed", now());
    removed++;
  }
  return { added, removed };
}
