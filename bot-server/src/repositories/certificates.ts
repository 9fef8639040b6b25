import type { Insertable, Kysely, Selectable } from "kysely";
import type { CertificatesTable, Database } from "../db/schema.js";

export type CertificateRow = Selectable<CertificatesTable>;

export function certificateRepository(db: Kysely<Database>) {
  return {
    /** Stores a certificate; false when the learner holds one for this skill already. */
    async add(row: Insertable<CertificatesTable>): Promise<boolean> {
      const r = await db
        .insertInto("certificates")
        .values(row)
        .onConflict((oc) => oc.columns(["learner_id", "skill"]).doNothing())
        .returning("code")
        .executeTakeFirst();
      return !!r;
    },
    find: (code: string) => db.selectFrom("certificates").selectAll().where("code", "=", code).executeTakeFirst(),
    ofLearner: (learnerId: string, skill: string) =>
      db.selectFrom("certificates").selectAll().where("learner_id", "=", learnerId).where("skill", "=", skill).executeTakeFirst(),
    /** Revokes a valid certificate; false when it was revoked already. */
    async revoke(code: string, by: string, reason: string, at: string): Promise<boolean> {
      const r = await db
        .updateTable("certificates")
        .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
        .where("code", "=", code)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
