import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, TeamInvitesTable } from "../db/schema.js";

export type InviteRow = Selectable<TeamInvitesTable>;

/** Single-use team invites: the signed code names the row by its nonce; using it is one conditional update. */
export function teamInviteRepository(db: Kysely<Database>) {
  return {
    async insert(row: Insertable<TeamInvitesTable>): Promise<void> {
      await db.insertInto("team_invites").values(row).execute();
    },
    find(nonce: string): Promise<InviteRow | undefined> {
      return db.selectFrom("team_invites").selectAll().where("nonce", "=", nonce).executeTakeFirst();
    },
    /** Marks the invite used by this person; false when it was used already. */
    async use(nonce: string, learnerId: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable("team_invites")
        .set({ used_by: learnerId, used_at: now })
        .where("nonce", "=", nonce)
        .where("used_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** The newest invite of a team still open at `now`, if any. */
    openOf(teamId: number, now: string): Promise<InviteRow | undefined> {
      return db
        .selectFrom("team_invites")
        .selectAll()
        .where("team_id", "=", teamId)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .orderBy("created_at", "desc")
        .limit(1)
        .executeTakeFirst();
    },
  };
}
