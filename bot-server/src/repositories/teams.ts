import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Database, TeamMembersTable, TeamsTable } from "../db/schema.js";

export type TeamRow = Selectable<TeamsTable>;
export type MemberRow = Selectable<TeamMembersTable>;
export type MemberWithName = MemberRow & { name: string; zalo_user_id: string };
export type MembershipRow = MemberRow & { team_name: string; commune_code: string; team_ref_code: string };

const NONE = ["\u0000"];

/** Teams and their memberships. A membership row stays when the member is removed (removed_at set). */
export function teamRepository(db: Kysely<Database>) {
  return {
    async insert(row: Insertable<TeamsTable>): Promise<number> {
      const r = await db.insertInto("teams").values(row).returning("id").executeTakeFirstOrThrow();
      return Number(r.id);
    },
    find(id: number): Promise<TeamRow | undefined> {
      return db.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
    },
    findByRef(ref: string): Promise<TeamRow | undefined> {
      return db.selectFrom("teams").selectAll().where("ref_code", "=", ref).executeTakeFirst();
    },
    /** Teams of these communes (null: all), newest first. */
    inCommunes(codes: string[] | null, limit: number): Promise<TeamRow[]> {
      let q = db.selectFrom("teams").selectAll();
      if (codes) q = q.where("commune_code", "in", codes.length ? codes : NONE);
      return q.orderBy("commune_code").orderBy("id").limit(limit).execute();
    },
    /** A person's active membership with its team. */
    membershipOf(learnerId: string): Promise<MembershipRow | undefined> {
      return db
        .selectFrom("team_members as m")
        .innerJoin("teams as t", "t.id", "m.team_id")
        .selectAll("m")
        .select(["t.name as team_name", "t.commune_code", "t.ref_code as team_ref_code"])
        .where("m.learner_id", "=", learnerId)
        .where("m.removed_at", "is", null)
        .executeTakeFirst();
    },
    /** The active membership whose personal ref code this is, with the member's name. */
    memberByRef(ref: string): Promise<MemberWithName | undefined> {
      return db
        .selectFrom("team_members as m")
        .innerJoin("learners as l", "l.id", "m.learner_id")
        .selectAll("m")
        .select(["l.name", "l.zalo_user_id"])
        .where("m.ref_code", "=", ref)
        .where("m.removed_at", "is", null)
        .executeTakeFirst();
    },
    /** Active members of a team with their names, leader first. */
    activeMembers(teamId: number): Promise<MemberWithName[]> {
      return db
        .selectFrom("team_members as m")
        .innerJoin("learners as l", "l.id", "m.learner_id")
        .selectAll("m")
        .select(["l.name", "l.zalo_user_id"])
        .where("m.team_id", "=", teamId)
        .where("m.removed_at", "is", null)
        .orderBy("m.role")
        .orderBy("l.name")
        .execute();
    },
    /** Adds an active membership; false when the person already has one (or the team a leader, for a leader). */
    async insertMember(row: Insertable<TeamMembersTable>): Promise<boolean> {
      const r = await db
        .insertInto("team_members")
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async setRole(teamId: number, learnerId: string, role: MemberRow["role"]): Promise<boolean> {
      const r = await db
        .updateTable("team_members")
        .set({ role })
        .where("team_id", "=", teamId)
        .where("learner_id", "=", learnerId)
        .where("removed_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async remove(teamId: number, learnerId: string, by: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable("team_members")
        .set({ removed_at: now, removed_by: by })
        .where("team_id", "=", teamId)
        .where("learner_id", "=", learnerId)
        .where("removed_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** The leaders of these teams, with their names. */
    leadersOf(teamIds: number[]): Promise<{ team_id: number; learner_id: string; name: string }[]> {
      return db
        .selectFrom("team_members as m")
        .innerJoin("learners as l", "l.id", "m.learner_id")
        .select(["m.team_id", "m.learner_id", "l.name"])
        .where("m.team_id", "in", teamIds.length ? teamIds : [0])
        .where("m.role", "=", "leader")
        .where("m.removed_at", "is", null)
        .execute();
    },
    /**
     * Every active member of the teams of these communes (null: all) with how many of `lessonIds` they have
     * passed: one grouped query over the team_members_team and quiz_attempts_learner_lesson indexes.
     */
    async memberTraining(
      codes: string[] | null,
      lessonIds: string[],
    ): Promise<{ team_id: number; commune_code: string; learner_id: string; passed: number }[]> {
      let q = db
        .selectFrom("team_members as m")
        .innerJoin("teams as t", "t.id", "m.team_id")
        .leftJoin("quiz_attempts as a", (j) =>
          j
            .onRef("a.learner_id", "=", "m.learner_id")
            .on("a.passed", "=", 1)
            .on("a.lesson_id", "in", lessonIds.length ? lessonIds : NONE),
        )
        .select(["m.team_id", "t.commune_code", "m.learner_id", sql<number>`count(distinct a.lesson_id)`.as("passed")])
        .where("m.removed_at", "is", null);
      if (codes) q = q.where("t.commune_code", "in", codes.length ? codes : NONE);
      const rows = await q.groupBy(["m.team_id", "t.commune_code", "m.learner_id"]).execute();
      return rows.map((r) => ({ ...r, team_id: Number(r.team_id), passed: Number(r.passed) }));
    },
    /** The lessons among `lessonIds` each active member of a team has passed. */
    lessonsPassedInTeam(teamId: number, lessonIds: string[]): Promise<{ learner_id: string; lesson_id: string }[]> {
      return db
        .selectFrom("team_members as m")
        .innerJoin("quiz_attempts as a", "a.learner_id", "m.learner_id")
        .select(["m.learner_id", "a.lesson_id"])
        .distinct()
        .where("m.team_id", "=", teamId)
        .where("m.removed_at", "is", null)
        .where("a.passed", "=", 1)
        .where("a.lesson_id", "in", lessonIds.length ? lessonIds : NONE)
        .execute();
    },
  };
}

export type TeamRepository = ReturnType<typeof teamRepository>;
