import type { Insertable, Kysely, Selectable } from "kysely";
import { visitSchema } from "../../../shared/schemas/team.js";
import type { Database, VisitsTable } from "../db/schema.js";

/** A visit as services use it: its kinds a list. */
export type VisitRow = Omit<Selectable<VisitsTable>, "kinds"> & { kinds: string[] };

const parsed = (r: Selectable<VisitsTable>): VisitRow => ({ ...r, kinds: visitSchema.shape.kinds.parse(JSON.parse(r.kinds)) });

/** Household visits recorded by team members. */
export function visitRepository(db: Kysely<Database>) {
  return {
    /** false when a visit with this id exists (a retried request). */
    async insert(row: Insertable<VisitsTable>): Promise<boolean> {
      const r = await db
        .insertInto("visits")
        .values(row)
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async find(id: string): Promise<VisitRow | undefined> {
      const r = await db.selectFrom("visits").selectAll().where("id", "=", id).executeTakeFirst();
      return r && parsed(r);
    },
    async ofMember(memberId: string, limit: number): Promise<VisitRow[]> {
      return (
        await db
          .selectFrom("visits")
          .selectAll()
          .where("member_id", "=", memberId)
          .orderBy("visited_on", "desc")
          .orderBy("created_at", "desc")
          .limit(limit)
          .execute()
      ).map(parsed);
    },
    async countByMember(memberId: string): Promise<number> {
      const r = await db
        .selectFrom("visits")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("member_id", "=", memberId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
