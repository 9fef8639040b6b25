import type { Kysely } from "kysely";
import type { Database } from "../../bot-server/src/db/schema.js";
import type { Commune } from "../../bot-server/src/services/areas.js";
import { syntheticFollower } from "../../bot-server/src/sandbox/synthetic.js";
import { DEFAULT_FAULTS } from "../../bot-server/src/sandbox/world.js";

export const SEED_TOPICS = ["an-toan-mang", "tin-chinh-quyen"];

/**
 * Writes synthetic followers from..from+count into the app's database, the same people POST
 * /sandbox/followers/seed creates in the sandbox, each in one of `communes`, subscribed to SEED_TOPICS unless
 * they turned news off. Batches of `batch` rows, each batch one statement.
 */
export async function seedFollowers(
  db: Kysely<Database>,
  o: { from: number; count: number; communes: Commune[]; now: Date; batch?: number; unknownFollow?: boolean },
): Promise<void> {
  const batch = o.batch ?? 1000;
  const topics = JSON.stringify(SEED_TOPICS);
  const iso = o.now.toISOString();
  for (let start = o.from; start < o.from + o.count; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(start + batch, o.from + o.count); i++) {
      const f = syntheticFollower(i);
      const commune = o.communes[f.communeIndex % o.communes.length]!;
      // unknownFollow: they subscribed in the chat long ago and followed before this server: no follow on record,
      // no interaction seen (only Zalo knows, through the follower import).
      const known = !o.unknownFollow;
      rows.push({
        user_id: f.id,
        display_name: null,
        following: known && f.following ? 1 : 0,
        followed_at: known ? iso : null,
        unfollowed_at: known && !f.following ? iso : null,
        follow_checked_at: known ? iso : null,
        last_interaction_at: known ? new Date(o.now.getTime() - f.hoursSinceInteraction * 3600_000).toISOString() : null,
        consent_version: "1",
        consent_text: "Đồng ý nhận tin",
        consent_at: iso,
        province_code: commune.provinceCode,
        commune_code: commune.code,
        topics,
        news_enabled: f.newsOn ? 1 : 0,
        dialogue: null,
        created_at: iso,
        updated_at: iso,
      });
    }
    await db.insertInto("subscribers").values(rows).execute();
  }
}

/**
 * What a campaign to all of them (topic an-toan-mang, no paid messages) must do, under Zalo's rules: push free
 * replies to those within 48 h, proactive messages from the OA's quota (`quota`, the sandbox's package by default)
 * to those within 7 days in user id order (the planner's order) while it lasts, and hold the rest.
 */
export function expectedRoutes(from: number, count: number, quota = DEFAULT_FAULTS.proactiveQuota): { push: number; inbox: number; excluded: number } {
  const r = { push: 0, inbox: 0, excluded: 0 };
  let left = quota;
  for (let i = from; i < from + count; i++) {
    const f = syntheticFollower(i);
    if (!f.following || !f.newsOn) r.excluded++;
    else if (f.hoursSinceInteraction <= 47) r.push++;
    else if (f.hoursSinceInteraction < 7 * 24 && left > 0) {
      left--;
      r.push++;
    } else r.inbox++;
  }
  return r;
}

/** How many synthetic followers to seed so that exactly `push` of them get a campaign pushed (the rest: inbox). */
export function followersForPush(push: number, quota = DEFAULT_FAULTS.proactiveQuota): number {
  let n = 0;
  let left = quota;
  for (let pushed = 0; pushed < push; n++) {
    const f = syntheticFollower(n);
    if (!f.following || !f.newsOn) continue;
    if (f.hoursSinceInteraction <= 47) pushed++;
    else if (f.hoursSinceInteraction < 7 * 24 && left > 0) {
      left--;
      pushed++;
    }
  }
  return n;
}
