import type { Insertable, Kysely, Selectable } from "kysely";
import type { CampaignsTable, Database } from "../db/schema.js";

export type CampaignRow = Selectable<CampaignsTable>;

export function campaignRepository(db: Kysely<Database>) {
  return {
    async insert(row: Insertable<CampaignsTable>): Promise<number> {
      const r = await db.insertInto("campaigns").values(row).returning("id").executeTakeFirstOrThrow();
      return Number(r.id);
    },
    /** Moves a campaign from one status to another; false when it was not in `from` (someone else got there first). */
    async transition(id: number, from: CampaignRow["status"][], patch: Partial<Omit<CampaignRow, "id">>): Promise<boolean> {
      const r = await db.updateTable("campaigns").set(patch).where("id", "=", id).where("status", "in", from).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    findById(id: number): Promise<CampaignRow | undefined> {
      return db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
    },
  };
}

export type CampaignRepository = ReturnType<typeof campaignRepository>;
