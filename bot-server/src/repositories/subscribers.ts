import type { Kysely, Selectable, Updateable } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, SubscribersTable } from "../db/schema.js";
import { jsonOrText } from "./json-column.js";

type StoredSubscriber = Selectable<SubscribersTable>;
type Flag = "following" | "news_enabled" | "interaction_is_date";
const FLAGS: Flag[] = ["following", "news_enabled", "interaction_is_date"];

/** Columns as services use them: topics a list, the dialogue state parsed, the 0/1 columns booleans (the rest as stored). */
type Parsed<R> = { [K in keyof R]: K extends "topics" ? string[] : K extends "dialogue" ? unknown : K extends Flag ? boolean : R[K] };

export type SubscriberRow = Parsed<StoredSubscriber>;

/** Works on any selection of columns: only those selected are parsed. */
function parsed<R extends Partial<StoredSubscriber>>(r: R): Parsed<R> {
  const out: Record<string, unknown> = { ...r };
  if (r.topics !== undefined) out.topics = r.topics ? (JSON.parse(r.topics) as string[]) : [];
  if (r.dialogue !== undefined) out.dialogue = jsonOrText(r.dialogue);
  for (const f of FLAGS) if (r[f] !== undefined) out[f] = Number(r[f]) === 1;
  return out as Parsed<R>;
}

export function subscriberRepository(db: Kysely<Database>, dialect: Dialect) {
  return {
    /** Which of these people are known not to follow the OA (Zalo said so); no evidence is not "unfollowed". */
    async unfollowed(userIds: string[]): Promise<Set<string>> {
      if (userIds.length === 0) return new Set();
      const rows = await db
        .selectFrom("subscribers")
        .select("user_id")
        .where("user_id", "in", userIds)
        .where("following", "=", 0)
        .where("follow_checked_at", "is not", null)
        .execute();
      return new Set(rows.map((r) => r.user_id));
    },
    /**
     * What Zalo says of people (getlist, user/detail): whether they follow, as of `checkedAt`, and when they last
     * interacted (a Vietnam date: its start, so the free window is never overestimated). Rows are created when
     * missing; an interaction time only ever moves forward; a follow state older than one we have is ignored.
     */
    async recordFromZalo(
      rows: { userId: string; following: boolean; lastInteractionAt: string | null; displayName: string | null }[],
      checkedAt: string,
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto("subscribers")
        .values(
          rows.map((r) => ({
            user_id: r.userId,
            following: r.following ? 1 : 0,
            follow_checked_at: checkedAt,
            last_interaction_at: r.lastInteractionAt,
            interaction_is_date: r.lastInteractionAt ? 1 : 0,
            display_name: r.displayName,
            created_at: checkedAt,
            updated_at: checkedAt,
          })),
        )
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
      for (const r of rows) {
        await db
          .updateTable("subscribers")
          .set((eb) => ({
            following: eb
              .case()
              .when(eb.or([eb("follow_checked_at", "is", null), eb("follow_checked_at", "<=", checkedAt)]))
              .then(r.following ? 1 : 0)
              .else(eb.ref("following"))
              .end(),
            follow_checked_at: eb
              .case()
              .when(eb.or([eb("follow_checked_at", "is", null), eb("follow_checked_at", "<=", checkedAt)]))
              .then(checkedAt)
              .else(eb.ref("follow_checked_at"))
              .end(),
            last_interaction_at:
              r.lastInteractionAt === null
                ? eb.ref("last_interaction_at")
                : eb
                    .case()
                    .when(eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<", r.lastInteractionAt)]))
                    .then(r.lastInteractionAt)
                    .else(eb.ref("last_interaction_at"))
                    .end(),
            interaction_is_date:
              r.lastInteractionAt === null
                ? eb.ref("interaction_is_date")
                : eb
                    .case()
                    .when(eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<", r.lastInteractionAt)]))
                    .then(1)
                    .else(eb.ref("interaction_is_date"))
                    .end(),
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
      return (
        await db
          .selectFrom("subscribers")
          .select(["user_id", "following", "follow_checked_at", "last_interaction_at", "display_name"])
          .where("user_id", "in", userIds)
          .execute()
      ).map(parsed);
    },
    /**
     * Followers whose last interaction is only a date (its start kept) between `from` and `to`: perhaps still in
     * their free 48 h; planning asks Zalo for the exact time.
     */
    async datedBetween(afterUserId: string, limit: number, from: string, to: string) {
      const rows = await db
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
      return rows.map(parsed);
    },
    /** Zalo's exact last interaction and the free replies already used in that window (v3 quota/message). */
    async recordExactInteraction(userId: string, at: string, repliesUsed: number | null, now: string): Promise<void> {
      await db
        .updateTable("subscribers")
        .set({
          last_interaction_at: at,
          interaction_is_date: 0,
          ...(repliesUsed === null ? {} : { window_anchor: at, window_replies: repliesUsed }),
          updated_at: now,
        })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("last_interaction_at", "is", null), eb("last_interaction_at", "<=", at)]))
        .execute();
    },
    /** Subscribed people whose follow state is unknown, in user id order (checked with Zalo before a campaign). */
    async unknownSubscribed(afterUserId: string, limit: number) {
      const rows = await db
        .selectFrom("subscribers")
        .select(["user_id", "province_code", "commune_code", "topics"])
        .where("follow_checked_at", "is", null)
        .where("following", "=", 0)
        .where("news_enabled", "=", 1)
        .where("user_id", ">", afterUserId)
        .orderBy("user_id")
        .limit(limit)
        .execute();
      return rows.map(parsed);
    },
    /**
     * Counts consultation messages sent to the person in their current window (since their last interaction):
     * a new interaction starts the count again, as Zalo's free replies per 48 h window do.
     */
    async countReplies(userId: string, n: number): Promise<void> {
      await db
        .updateTable("subscribers")
        .set((eb) => ({
          window_replies: eb
            .case()
            .when(eb("window_anchor", "=", eb.ref("last_interaction_at")))
            .then(eb("window_replies", "+", n))
            .else(n)
            .end(),
          window_anchor: eb.ref("last_interaction_at"),
        }))
        .where("user_id", "=", userId)
        .execute();
    },
    async find(userId: string): Promise<SubscriberRow | undefined> {
      const r = await db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();
      return r && parsed(r);
    },
    /** Reads the row and, on PostgreSQL, locks it to the end of the transaction (SQLite writes one at a time anyway). */
    async findForUpdate(userId: string): Promise<SubscriberRow | undefined> {
      const q = db.selectFrom("subscribers").selectAll().where("user_id", "=", userId);
      const r = await (dialect === "postgres" ? q.forUpdate() : q).executeTakeFirst();
      return r && parsed(r);
    },
    /** Zalo promises no order: a follow older than the last unfollow (or the reverse) changes nothing. */
    async setFollowing(userId: string, following: boolean, at: string, now: string): Promise<void> {
      const other = following ? "unfollowed_at" : "followed_at";
      await db
        .updateTable("subscribers")
        .set(
          following
            ? { following: 1, followed_at: at, follow_checked_at: at, updated_at: now }
            : { following: 0, unfollowed_at: at, follow_checked_at: at, dialogue: null, updated_at: now },
        )
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb(other, "is", null), eb(other, "<=", at)]))
        .where((eb) => eb.or([eb("follow_checked_at", "is", null), eb("follow_checked_at", "<=", at)]))
        .execute();
    },
    /** Creates the subscriber if missing (not following until a follow event says so). */
    /** One page of the audience, in user id order (keyset pagination: the planner never holds everyone at once). */
    async page(afterUserId: string, limit: number) {
      const rows = await db
        .selectFrom("subscribers")
        .select([
          "user_id",
          "following",
          "follow_checked_at",
          "news_enabled",
          "topics",
          "province_code",
          "commune_code",
          "last_interaction_at",
          "interaction_is_date",
          "window_anchor",
          "window_replies",
        ])
        .where("user_id", ">", afterUserId)
        .orderBy("user_id")
        .limit(limit)
        .execute();
      return rows.map(parsed);
    },
    async ensure(userId: string, now: string): Promise<void> {
      await db
        .insertInto("subscribers")
        .values({
          user_id: userId,
          following: 0,
          created_at: now,
          updated_at: now,
          display_name: null,
          followed_at: null,
          unfollowed_at: null,
          last_interaction_at: null,
          consent_version: null,
          consent_text: null,
          consent_at: null,
          province_code: null,
          commune_code: null,
          dialogue: null,
        })
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
