import type { Insertable, Kysely, Selectable } from "kysely";
import { z } from "zod";
import { campaignDraftSchema } from "../../../shared/schemas/campaign.js";
import type { CampaignsTable, Database } from "../db/schema.js";

const draft = campaignDraftSchema.shape;
const contentSchema = z.object({ text: draft.text, imageUrl: draft.imageUrl.unwrap().nullable(), buttons: draft.buttons });

/** What campaigns.content holds (validated by the draft schema when the campaign was written). */
export type CampaignContent = z.infer<typeof contentSchema>;

type StoredCampaign = Selectable<CampaignsTable>;

/** A campaign as services use it: its JSON columns parsed, its 0/1 columns booleans. */
export type CampaignRow = Omit<StoredCampaign, "content" | "communes" | "topics" | "allow_paid" | "use_promotion"> & {
  content: CampaignContent;
  communes: string[];
  topics: string[];
  allow_paid: boolean;
  use_promotion: boolean;
};

export const parseContent = (json: string): CampaignContent => contentSchema.parse(JSON.parse(json));

function parsed(r: StoredCampaign): CampaignRow {
  return {
    ...r,
    content: parseContent(r.content),
    communes: draft.communes.parse(JSON.parse(r.communes)),
    topics: draft.topics.parse(JSON.parse(r.topics)),
    allow_paid: Number(r.allow_paid) === 1,
    use_promotion: Number(r.use_promotion) === 1,
  };
}

export function campaignRepository(db: Kysely<Database>) {
  return {
    async insert(row: Insertable<CampaignsTable>): Promise<number> {
      const r = await db.insertInto("campaigns").values(row).returning("id").executeTakeFirstOrThrow();
      return Number(r.id);
    },
    /** Moves a campaign from one status to another; false when it was not in `from` (someone else got there first). */
    async transition(id: number, from: CampaignRow["status"][], patch: Partial<Omit<StoredCampaign, "id">>): Promise<boolean> {
      const r = await db.updateTable("campaigns").set(patch).where("id", "=", id).where("status", "in", from).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** The planning job has written every delivery row (kept from the first run that got there). */
    async markPlanned(id: number, at: string): Promise<void> {
      await db.updateTable("campaigns").set({ planned_at: at }).where("id", "=", id).where("planned_at", "is", null).execute();
    },
    /**
     * sending → done, only once planning has finished and no delivery is open (planned or sending): one indexed
     * EXISTS on deliveries (campaign_id, state), not a count. True when this call made the move.
     */
    async finishIfSettled(id: number, at: string): Promise<boolean> {
      const r = await db
        .updateTable("campaigns")
        .set({ status: "done", updated_at: at })
        .where("id", "=", id)
        .where("status", "=", "sending")
        .where("planned_at", "is not", null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("deliveries").select("deliveries.id").where("deliveries.campaign_id", "=", id).where("deliveries.state", "in", ["planned", "sending"]),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /**
     * Newest first by id (keyset: ids below `beforeId`), within the area codes given (null: all). With
     * `approvableBy`, only campaigns awaiting approval that this person neither wrote nor sent.
     */
    async list(o: {
      areaCodes: string[] | null;
      status?: CampaignRow["status"];
      approvableBy?: string;
      beforeId?: number;
      limit: number;
    }): Promise<CampaignRow[]> {
      if (o.areaCodes?.length === 0) return [];
      let q = db.selectFrom("campaigns").selectAll();
      if (o.areaCodes) q = q.where("area_code", "in", o.areaCodes);
      if (o.status) q = q.where("status", "=", o.status);
      if (o.approvableBy !== undefined) {
        const me = o.approvableBy;
        q = q
          .where("status", "=", "awaiting_approval")
          .where("created_by", "<>", me)
          .where((eb) => eb.or([eb("sent_by", "is", null), eb("sent_by", "<>", me)]));
      }
      if (o.beforeId !== undefined) q = q.where("id", "<", o.beforeId);
      return (await q.orderBy("id", "desc").limit(o.limit).execute()).map(parsed);
    },
    async findById(id: number): Promise<CampaignRow | undefined> {
      const r = await db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
      return r && parsed(r);
    },
  };
}

export type CampaignRepository = ReturnType<typeof campaignRepository>;
