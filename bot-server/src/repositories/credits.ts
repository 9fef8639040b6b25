import type { Insertable, Kysely, Selectable } from "kysely";
import type { CreditsTable, Database } from "../db/schema.js";

export type CreditRow = Selectable<CreditsTable>;

/** Residents credited to the member and team who reached them: one row per resident, ever. */
export function creditRepository(db: Kysely<Database>) {
  return {
    /** false when this resident is credited already. */
    async insert(row: Insertable<CreditsTable>): Promise<boolean> {
      const r = await db
        .insertInto("credits")
        .values(row)
        .onConflict((oc) => oc.column("resident_id").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    ofResident(residentId: string): Promise<CreditRow | undefined> {
      return db.selectFrom("credits").selectAll().where("resident_id", "=", residentId).executeTakeFirst();
    },
    async countByMember(memberId: string): Promise<number> {
      const r = await db
        .selectFrom("credits")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("member_id", "=", memberId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
