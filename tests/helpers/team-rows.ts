import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../bot-server/src/db/schema.js";

/**
 * Teams, members and credits written straight into the tables, for tests about what comes after them (the team
 * features' own tests go through the API). Rebuild the report rollups afterwards when a report is read.
 */
export async function addTeam(db: Kysely<Database>, name: string, communeCode: string, at: string): Promise<number> {
  const row = await db
    .insertInto("teams")
    .values({ commune_code: communeCode, name, ref_code: `t-${randomUUID().slice(0, 11)}`, created_by: "test", created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function addMember(db: Kysely<Database>, teamId: number, learnerId: string, at: string): Promise<void> {
  await db
    .insertInto("team_members")
    .values({ team_id: teamId, learner_id: learnerId, role: "member", ref_code: `m-${learnerId}`, joined_at: at, removed_at: null, removed_by: null })
    .execute();
}

/** The resident agreed to be credited to the team (and member), as on the consent screen. */
export async function addCredit(db: Kysely<Database>, residentId: string, teamId: number, memberId: string | null, at: string): Promise<void> {
  await db
    .insertInto("credits")
    .values({
      resident_id: residentId,
      member_id: memberId,
      team_id: teamId,
      ref_code: memberId ? `m-${memberId}` : "t-test",
      consent_version: "test",
      consent_text: "test",
      consented_at: at,
    })
    .execute();
}
