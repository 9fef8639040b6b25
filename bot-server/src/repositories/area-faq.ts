import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { AreaFaqEntriesTable, Database } from "../db/schema.js";

export type AreaFaqRow = Selectable<AreaFaqEntriesTable>;

/** Hỏi đáp entries made by officials for their area ('' = everyone). */
export function areaFaqRepository(db: Kysely<Database>) {
  return {
    async add(row: Insertable<AreaFaqEntriesTable>): Promise<void> {
      await db.insertInto("area_faq_entries").values(row).execute();
    },
    findById: (id: string) => db.selectFrom("area_faq_entries").selectAll().where("id", "=", id).executeTakeFirst(),
    /** Changes an entry last changed at `seen` (false when someone changed it meanwhile). */
    async update(id: string, seen: string, set: Updateable<AreaFaqEntriesTable>): Promise<boolean> {
      const r = await db.updateTable("area_faq_entries").set(set).where("id", "=", id).where("updated_at", "=", seen).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** The active entries that apply to these areas (a commune, its province, and '' for everyone). */
    activeFor: (areaCodes: string[]) =>
      db.selectFrom("area_faq_entries").selectAll().where("status", "=", "active").where("area_code", "in", areaCodes).orderBy("id").execute(),
    /** For Quản trị: entries of these areas (all, with null), newest first, withdrawn ones too. */
    list(areaCodes: string[] | null, limit: number) {
      let q = db.selectFrom("area_faq_entries").selectAll();
      if (areaCodes) q = q.where("area_code", "in", areaCodes.length ? areaCodes : ["\u0000"]);
      return q.orderBy("updated_at", "desc").orderBy("id", "desc").limit(limit).execute();
    },
  };
}

export type AreaFaqRepository = ReturnType<typeof areaFaqRepository>;
