import { sql, type Kysely, type Migration } from "kysely";
import { addColumns, defaultZero, dropColumns, notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 5 — real Zalo rules.
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
export const zaloRulesMigration = ({ timestamp }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await addColumns(db, "learners", [["name_consent_at", timestamp]]);
    await addColumns(db, "subscribers", [
      ["follow_checked_at", timestamp],
      ["window_anchor", timestamp],
      ["window_replies", "integer", defaultZero],
      ["interaction_is_date", "integer", defaultZero],
    ]);
    // Rows that saw a follow or unfollow event already have evidence.
    await sql`UPDATE subscribers SET follow_checked_at = COALESCE(unfollowed_at, followed_at) WHERE followed_at IS NOT NULL OR unfollowed_at IS NOT NULL`.execute(
      db,
    );
    await db.schema.createIndex("subscribers_follow_unknown").on("subscribers").columns(["follow_checked_at", "user_id"]).execute();
    await addColumns(db, "deliveries", [
      ["planned_cost_vnd", "integer", defaultZero],
      ["quota_type", "text"],
    ]);
    await addColumns(db, "oa_messages", [
      ["quota_type", "text"],
      ["cost_vnd", "integer", defaultZero],
      ["conversation_id", "text"],
    ]);
    await textKey(db.schema.createTable("oa_state"), "key").addColumn("value", "text", notNull).addColumn("updated_at", timestamp, notNull).execute();
    await db.schema
      .createTable("follower_tags")
      .addColumn("user_id", "text", notNull)
      .addColumn("tag_name", "text", notNull)
      .addColumn("state", "text", notNull)
      .addColumn("updated_at", timestamp, notNull)
      .addPrimaryKeyConstraint("follower_tags_pkey", ["user_id", "tag_name"])
      .execute();
    await db.schema.createIndex("follower_tags_state").on("follower_tags").columns(["state", "updated_at"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("follower_tags").execute();
    await db.schema.dropTable("oa_state").execute();
    await db.schema.dropIndex("subscribers_follow_unknown").execute();
    await dropColumns(db, "oa_messages", ["conversation_id", "cost_vnd", "quota_type"]);
    await dropColumns(db, "deliveries", ["quota_type", "planned_cost_vnd"]);
    await dropColumns(db, "subscribers", ["window_replies", "interaction_is_date", "window_anchor", "follow_checked_at"]);
    await dropColumns(db, "learners", ["name_consent_at"]);
  },
});
