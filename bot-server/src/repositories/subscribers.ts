import type { Kysely, Selectable, Updateable } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, SubscribersTable } from "../db/schema.js";

export type SubscriberRow = Selectable<SubscribersTable>;

export function subscriberRepository(db: Kysely<Database>, dialect: Dialect) {
  return {
    /** Which of these people are known not to follow the OA (Zalo said so); no evidence is not "unfollowed". */
    async unfollowed(userIds: string[]): Promise<Set<string>> {
      if (userIds.length === 0) return new Set();
      const rows = await db.selectFrom("subscribers").select("user_id").where("user_id", "in", userIds).where("following", "=", 0).where("follow_checked_at", "is not", null).execute();
      return new Set(rows.map((r) => r.user_id));
    },
    /**
     * What Zalo says of people (getlist, user/detail): whether they follow, as of `checkedAt`, and when they last
     * interacted (a Vietnam date: its start, so the free window is never overestimated). Rows are created when
     * missing; an interaction time only ever moves forward; a follow state older than one we have is ignored.
     */
    async recordFromZalo(rows: { userId: string; following: boolean; lastInteractionAt: string | null; displayName: string | null }[], checkedAt: string): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto("subscribers")
        .values(rows.map((r) => ({ user_id: r.userId, following: r.following ? 1 : 0, follow_checked_at: checkedAt, last_interaction_at: r.lastInteractionAt, interaction_is_date: r.lastInteractionAt ? 1 : 0, display_name: r.displayName, created_at: checkedAt, updated_at: checkedAt })))
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
      for (const r of rows) {
        await db
          .updateTable("subscribers")
          .set((eb) => ({
            following: eb.case().when(eb.or([eb("follow_checked_at", "is", null), eb("follow_checked_at", "<=", checkedAt)])).then(r.following ? 1 : 0).else(eb.ref("following")).end(),
            follow_checked_at: eb.case().when(eb.or([eb("follow_checked_at", "is", null), eb("follow_checked_at", "<=", checkedAt)])).then(checkedAt).else(eb.ref("follow_checked_at")).end(),
            last_interaction_at:
              r.lastInteractionAt === null
                ? eb.ref("last_interaction_at")
                : eb.case().when(eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<", r.lastInteractionAt)])).then(r.lastInteractionAt).else(eb.ref("last_interaction_at")).end(),
            interaction_is_date:
              r.lastInteractionAt === null
                ? eb.ref("interaction_is_date")
                : eb.case().when(eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<", r.lastInteractionAt)])).then(1).else(eb.ref("interaction_is_date")).end(),
            display_name: r.displayName === null ? eb.ref("display_name") : r.displayName,
            updated_at: checkedAt,
          }))
          .where("user_id", "=", r.userId)
          .execute();
      }
    },
    /** Who we know of, among these ids, and how recently we know they interacted (import skips those already fresh). */
    async known(userIds: string[]) {
      if (userIds.length === 0) return [];
      return db.selectFrom("subscribers").select(["user_id", "following", "follow_checked_at", "last_interaction_at", "display_name"]).where("user_id", "in", userIds).execute();
    },
    /**
     * Followers whose last interaction is only a date (its start kept) between `from` and `to`: perhaps still in
     * their free 48 h; planning asks Zalo for the exact time.
     */
    datedBetween(afterUserId: string, limit: number, from: string, to: string) {
      return db
        .selectFrom("subscribers")
        .select(["user_id", "province_code", "commune_code", "topics"])
        .where("interaction_is_date", "=", 1)
        .where("following", "=", 1)
        .where("news_enabled", "=", 1)
        .where("last_interaction_at", ">=", from)
        .where("last_interaction_at", "<", to)
        .where("user_id", ">", afterUserId)
        .orderBy("user_id")
        .limit(limit)
        .execute();
    },
    /** Zalo's exact last interaction and the free replies already used in that window (v3 quota/message). */
    async recordExactInteraction(userId: string, at: string, repliesUsed: number | null, now: string): Promise<void> {
      await db
        .updateTable("subscribers")
        .set({ last_interaction_at: at, interaction_is_date: 0, ...(repliesUsed === null ? {} : { window_anchor: at, window_replies: repliesUsed }), updated_at: now })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<=", at)]))
        .execute();
    },
    /** Subscribed people whose follow state is unknown, in user id order (checked with Zalo before a campaign). */
    unknownSubscribed(afterUserId: string, limit: number) {
      return db
        .selectFrom("subscribers")
        .select(["user_id", "province_code", "commune_code", "topics"])
        .where("follow_checked_at", "is", null)
        .where("following", "=", 0)
        .where("news_enabled", "=", 1)
        .where("user_id", ">", afterUserId)
        .orderBy("user_id")
        .limit(limit)
        .execute();
    },
    /**
     * Counts consultation messages sent to the person in their current window (since their last interaction):
     * a new interaction starts the count again, as Zalo's free replies per 48 h window do.
     */
    async countReplies(userId: string, n: number): Promise<void> {
      await db
        .updateTable("subscribers")
        .set((eb) => ({
          window_replies: eb.case().when(eb("window_anchor", "=", eb.ref("last_interaction_at"))).then(eb("window_replies", "+", n)).else(n).end(),
          window_anchor: eb.ref("last_interaction_at"),
        }))
        .where("user_id", "=", userId)
        .execute();
    },
    find(userId: string): Promise<SubscriberRow | undefined> {
      return db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();
    },
    /** Reads the row and, on PostgreSQL, locks it to the end of the transaction (SQLite writes one at a time anyway). */
    findForUpdate(userId: string): Promise<SubscriberRow | undefined> {
      const q = db.selectFrom("subscribers").selectAll().where("user_id", "=", userId);
      return (dialect === "postgres" ? q.forUpdate() : q).executeTakeFirst();
    },
    /** Zalo promises no order: a follow older than the last unfollow (or the reverse) changes nothing. */
    async setFollowing(userId: string, following: boolean, at: string, now: string): Promise<void> {
      const other = following ? "unfollowed_at" : "followed_at";
      await db
        .updateTable("subscribers")
        .set(following ? { following: 1, followed_at: at, follow_checked_at: at, updated_at: now } : { following: 0, unfollowed_at: at, follow_checked_at: at, dialogue: null, updated_at: now })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb(other, "is", null), eb(other, "<=", at)]))
        .where((eb) => eb.or([eb("follow_checked_at", "is", null), eb("follow_checked_at", "<=", at)]))
        .execute();
    },
    /** Creates the subscriber if missing (not following until a follow event says so). */
    /** One page of the audience, in user id order (keyset pagination: the planner never holds everyone at once). */
    page(afterUserId: string, limit: number) {
      return db
        .selectFrom("subscribers")
        .select(["user_id", "following", "follow_checked_at", "news_enabled", "topics", "province_code", "commune_code", "last_interaction_at", "interaction_is_date", "window_anchor", "window_replies"])
        .where("user_id", ">", afterUserId)
        .orderBy("user_id")
        .limit(limit)
        .execute();
    },
    async ensure(userId: string, now: string): Promise<void> {
      await db
        .insertInto("subscribers")
        .values({ user_id: userId, following: 0, created_at: now, updated_at: now, display_name: null, followed_at: null, unfollowed_at: null, last_interaction_at: null, consent_version: null, consent_text: null, consent_at: null, province_code: null, commune_code: null, dialogue: null })
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
    },
    async update(userId: string, patch: Updateable<SubscribersTable>): Promise<void> {
      await db.updateTable("subscribers").set(patch).where("user_id", "=", userId).execute();
    },
    /** Events arrive out of order: the last interaction only ever moves forward. */
    async touch(userId: string, at: string): Promise<void> {
      await db
        .updateTable("subscribers")
        .set({ last_interaction_at: at, interaction_is_date: 0, updated_at: at })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<", at)]))
        .execute();
    },
  };
}

export type SubscriberRepository = ReturnType<typeof subscriberRepository>;
