import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database, SubscribersTable } from "../db/schema.js";

export type SubscriberRow = Selectable<SubscribersTable>;

export function subscriberRepository(db: Kysely<Database>) {
  return {
    find(userId: string): Promise<SubscriberRow | undefined> {
      return db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();
    },
    /** Creates the subscriber if missing (not following until a follow event says so). */
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
