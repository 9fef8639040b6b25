import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, VisitsTable } from "../db/schema.js";

export type VisitRow = Selectable<VisitsTable>;

/** Household visits recorded by team members. */
export function visitRepository(db: Kysely<Database>) {
  return {
    /** false when a visit with this id exists (a retried request). */
    async insert(row: Insertable<VisitsTable>): Promise<boolean> {
      const r = await db.insertInto("visits").values(row).onConflict((oc) => oc.column("id").doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    find(id: string): Promise<VisitRow | undefined> {
      return db.selectFrom("visits").selectAll().where("id", "=", id).executeTakeFirst();
    },
    ofMember(memberId: string, limit: number): Promise<VisitRow[]> {
      return db.selectFrom("visits").selectAll().where("member_id", "=", memberId).orderBy("visited_on", "desc").orderBy("created_at", "desc").limit(limit).execute();
    },
    async countByMember(memberId: string): Promise<number> {
      const r = await db.selectFrom("visits").select((eb) => eb.fn.countAll().as("n")).where("member_id", "=", memberId).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
