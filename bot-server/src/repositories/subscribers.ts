import type { Kysely, Selectable, Updateable } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, SubscribersTable } from "../db/schema.js";

export type SubscriberRow = Selectable<SubscribersTable>;

export function subscriberRepository(db: Kysely<Database>, dialect: Dialect) {
  return {
    /** Which of these people still follow the OA (a batch of deliveries checks them at once). */
    async following(userIds: string[]): Promise<Set<string>> {
      if (userIds.length === 0) return new Set();
      const rows = await db.selectFrom("subscribers").select("user_id").where("user_id", "in", userIds).where("following", "=", 1).execute();
      return new Set(rows.map((r) => r.user_id));
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
        .set(following ? { following: 1, followed_at: at, updated_at: now } : { following: 0, unfollowed_at: at, dialogue: null, updated_at: now })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb(other, "is", null), eb(other, "<=", at)]))
        .execute();
    },
    /** Creates the subscriber if missing (not following until a follow event says so). */
    /** One page of the audience, in user id order (keyset pagination: the planner never holds everyone at once). */
    page(afterUserId: string, limit: number) {
      return db
        .selectFrom("subscribers")
        .select(["user_id", "following", "news_enabled", "topics", "province_code", "commune_code", "last_interaction_at"])
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
        .set({ last_interaction_at: at, updated_at: at })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<", at)]))
        .execute();
    },
  };
}

export type SubscriberRepository = ReturnType<typeof subscriberRepository>;
