import type { Kysely, Selectable } from "kysely";
import type { Database, FollowerTagsTable } from "../db/schema.js";

export type FollowerTagRow = Selectable<FollowerTagsTable>;

/** The OA tags this server put on followers (so it knows what to take off again). */
export function followerTagRepository(db: Kysely<Database>) {
  return {
    ofUser(userId: string): Promise<FollowerTagRow[]> {
      return db.selectFrom("follower_tags").selectAll().where("user_id", "=", userId).orderBy("tag_name").execute();
    },
    async set(userId: string, tagName: string, state: FollowerTagRow["state"], at: string): Promise<void> {
      await db
        .insertInto("follower_tags")
        .values({ user_id: userId, tag_name: tagName, state, updated_at: at })
        .onConflict((oc) => oc.columns(["user_id", "tag_name"]).doUpdateSet({ state, updated_at: at }))
        .execute();
    },
    async deleteUser(userId: string): Promise<void> {
      await db.deleteFrom("follower_tags").where("user_id", "=", userId).execute();
    },
  };
}
