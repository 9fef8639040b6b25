import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from "kysely";
import type { BulletinsTable, Database } from "../db/schema.js";

export type BulletinRow = Selectable<BulletinsTable>;

export function bulletinRepository(db: Kysely<Database>) {
  return {
    async add(row: Insertable<BulletinsTable>): Promise<number> {
      const r = await db.insertInto("bulletins").values(row).returning("id").executeTakeFirstOrThrow();
      return Number(r.id);
    },
    findById: (id: number) => db.selectFrom("bulletins").selectAll().where("id", "=", id).executeTakeFirst(),
    findWeek: (areaCode: string, weekStart: string) =>
      db
        .selectFrom("bulletins")
        .selectAll()
        .where("source_kind", "=", "week")
        .where("source_ref", "=", weekStart)
        .where("area_code", "=", areaCode)
        .executeTakeFirst(),
    /** Changes a bulletin in one of the `from` states (and, given, still with this script); false when it moved meanwhile. */
    async change(id: number, from: BulletinRow["status"][], set: Updateable<BulletinsTable>, script?: string): Promise<boolean> {
      let q = db.updateTable("bulletins").set(set).where("id", "=", id).where("status", "in", from);
      if (script !== undefined) q = q.where("script", "=", script);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    list(areaCodes: string[] | null, limit: number) {
      let q = db.selectFrom("bulletins").selectAll();
      if (areaCodes) q = q.where("area_code", "in", areaCodes.length ? areaCodes : ["\u0000"]);
      return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
    },
    /** Campaigns sent to an area (the commune, or its whole province) in [from, to): a week's news. */
    campaignsSentIn: (communeCode: string, provinceCode: string, from: string, to: string) =>
      db
        .selectFrom("campaigns")
        .select(["id", "title", "content", "area_code", "communes"])
        .where("status", "in", ["sending", "done"])
        .where("sent_at", ">=", from)
        .where("sent_at", "<", to)
        .where((eb) =>
          eb.or([
            eb("area_code", "=", communeCode),
            eb.and([eb("area_code", "=", provinceCode), eb.or([eb("communes", "=", "[]"), eb("communes", "like", sql<string>`${`%"${communeCode}"%`}`)])]),
          ]),
        )
        .orderBy("sent_at")
        .limit(8)
        .execute(),
  };
}

export type BulletinRepository = ReturnType<typeof bulletinRepository>;
