import { sql, type Kysely, type Migration } from "kysely";

/**
 * Step 5 — real Zalo rules, written once for both dialects (only the timestamp type differs).
 * - subscribers.follow_checked_at: when Zalo (an event, getlist or user/detail) last told us whether the person
 *   follows; NULL means we have no evidence either way ("unknown", checked with Zalo before a campaign).
 * - subscribers.interaction_is_date: 1 when last_interaction_at came from Zalo as a date (its start is kept): the
 *   7-day window then runs to the end of that day, the 48 h free window from its start.
 * - subscribers.window_anchor / window_replies: the consultation messages sent since the person's last interaction
 *   (Zalo's free-reply cap per 48 h window counts them).
 * - deliveries.planned_cost_vnd / quota_type, oa_messages.quota_type / cost_vnd: what planning expected and what
 *   Zalo reported for each send (quota_type), so statistics show planned vs actual cost.
 * - oa_messages.conversation_id: replies to people writing without following go to Zalo's anonymous recipient.
 * - oa_state: small facts about the OA shared by every process (quota read, imports, mini app linked to the OA).
 * - follower_tags: the OA tags this server put on a follower (mirrored to Zalo's OA Manager).
 * - learners.name_consent_at: when the person let the mini app read their Zalo name (authorize scope.userInfo);
 *   before that the name is "Người học", whatever the Graph API says.
 */
export function zaloRulesMigration(ts: "TEXT" | "TIMESTAMPTZ"): Migration {
  const t = sql.raw(ts);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`ALTER TABLE learners ADD COLUMN name_consent_at ${t}`.execute(db);
      await sql`ALTER TABLE subscribers ADD COLUMN follow_checked_at ${t}`.execute(db);
      await sql`ALTER TABLE subscribers ADD COLUMN window_anchor ${t}`.execute(db);
      await sql`ALTER TABLE subscribers ADD COLUMN window_replies INTEGER NOT NULL DEFAULT 0`.execute(db);
      await sql`ALTER TABLE subscribers ADD COLUMN interaction_is_date INTEGER NOT NULL DEFAULT 0`.execute(db);
      // Rows that saw a follow or unfollow event already have evidence.
      await sql`UPDATE subscribers SET follow_checked_at = COALESCE(unfollowed_at, followed_at) WHERE followed_at IS NOT NULL OR unfollowed_at IS NOT NULL`.execute(db);
      await sql`CREATE INDEX subscribers_follow_unknown ON subscribers (follow_checked_at, user_id)`.execute(db);
      await sql`ALTER TABLE deliveries ADD COLUMN planned_cost_vnd INTEGER NOT NULL DEFAULT 0`.execute(db);
      await sql`ALTER TABLE deliveries ADD COLUMN quota_type TEXT`.execute(db);
      await sql`ALTER TABLE oa_messages ADD COLUMN quota_type TEXT`.execute(db);
      await sql`ALTER TABLE oa_messages ADD COLUMN cost_vnd INTEGER NOT NULL DEFAULT 0`.execute(db);
      await sql`ALTER TABLE oa_messages ADD COLUMN conversation_id TEXT`.execute(db);
      await sql`CREATE TABLE oa_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at ${t} NOT NULL
      )`.execute(db);
      await sql`CREATE TABLE follower_tags (
        user_id TEXT NOT NULL,
        tag_name TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at ${t} NOT NULL,
        PRIMARY KEY (user_id, tag_name)
      )`.execute(db);
      await sql`CREATE INDEX follower_tags_state ON follower_tags (state, updated_at)`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`DROP TABLE follower_tags`.execute(db);
      await sql`DROP TABLE oa_state`.execute(db);
      await sql`DROP INDEX subscribers_follow_unknown`.execute(db);
      for (const [table, col] of [["oa_messages", "conversation_id"], ["oa_messages", "cost_vnd"], ["oa_messages", "quota_type"], ["deliveries", "quota_type"], ["deliveries", "planned_cost_vnd"], ["subscribers", "window_replies"], ["subscribers", "interaction_is_date"], ["subscribers", "window_anchor"], ["subscribers", "follow_checked_at"], ["learners", "name_consent_at"]] as const) {
        await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN ${sql.ref(col)}`.execute(db);
      }
    },
  };
}
