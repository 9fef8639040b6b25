import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, LearnersTable } from "../db/schema.js";

export type LearnerRow = Selectable<LearnersTable>;

export function learnerRepository(db: Kysely<Database>) {
  return {
    findById(id: string): Promise<LearnerRow | undefined> {
      return db.selectFrom("learners").selectAll().where("id", "=", id).executeTakeFirst();
    },

    findByZaloUserId(zaloUserId: string): Promise<LearnerRow | undefined> {
      return db.selectFrom("learners").selectAll().where("zalo_user_id", "=", zaloUserId).executeTakeFirst();
    },

    /** The learner who is this OA follower (Zalo's user_id_by_oa / the SDK's idByOA). */
    findByIdByOA(idByOA: string): Promise<LearnerRow | undefined> {
      return db.selectFrom("learners").selectAll().where("id_by_oa", "=", idByOA).executeTakeFirst();
    },

    async insert(row: Insertable<LearnersTable>): Promise<void> {
      await db
        .insertInto("learners")
        .values(row)
        .onConflict((oc) => oc.column("zalo_user_id").doNothing())
        .execute();
    },

    async updateProfile(id: string, name: string, idByOA: string | null, now: string, nameConsentAt?: string): Promise<void> {
      await db
        .updateTable("learners")
        .set({ name, id_by_oa: idByOA, updated_at: now, ...(nameConsentAt ? { name_consent_at: nameConsentAt } : {}) })
        .where("id", "=", id)
        .execute();
    },

    /** Sets the ref code only when none is stored yet (the first one wins) and, given `createdSince`, for a new learner. */
    async setRefIfEmpty(id: string, ref: string, now: string, createdSince?: string): Promise<void> {
      let q = db.updateTable("learners").set({ ref_code: ref, updated_at: now }).where("id", "=", id).where("ref_code", "is", null);
      if (createdSince) q = q.where("created_at", ">=", createdSince);
      await q.execute();
    },
  };
}

export type LearnerRepository = ReturnType<typeof learnerRepository>;
