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
    mine: (learnerId: string) => db.selectFrom("certificates").selectAll().where("learner_id", "=", learnerId).orderBy("issued_at").execute(),
    /** The newest certificates of these communes (null: everywhere), optionally those whose code or name starts with `search`. */
    inCommunes(communes: string[] | null, limit: number, search?: string) {
      let q = db.selectFrom("certificates").selectAll();
      if (communes) q = q.where("commune_code", "in", communes.length ? communes : ["\u0000"]);
      // lower() on both sides: PostgreSQL's LIKE tells capitals apart, SQLite's does not (for ASCII).
      if (search)
        q = q.where((eb) =>
          eb.or([eb("code", "=", search.toUpperCase()), eb(eb.fn("lower", ["name"]), "like", `${search.replace(/[%_\\]/g, "").toLowerCase()}%`)]),
        );
      return q.orderBy("issued_at", "desc").limit(limit).execute();
    },
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
