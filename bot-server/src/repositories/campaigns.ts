import type { Insertable, Kysely, Selectable } from "kysely";
import type { CampaignsTable, Database } from "../db/schema.js";

export type CampaignRow = Selectable<CampaignsTable>;

export function campaignRepository(db: Kysely<Database>) {
  return {
    async insert(row: Insertable<CampaignsTable>): Promise<number> {
      const r = await db.insertInto("campaigns").values(row).returning("id").executeTakeFirstOrThrow();
      return Number(r.id);
    },
    findById(id: number): Promise<CampaignRow | undefined> {
      return db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
    },
  };
}

export type CampaignRepository = ReturnType<typeof campaignRepository>;
