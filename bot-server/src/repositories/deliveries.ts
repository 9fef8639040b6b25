import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, DeliveriesTable } from "../db/schema.js";
import { parseContent } from "./campaigns.js";

export type DeliveryRow = Selectable<DeliveriesTable>;

export function deliveryRepository(db: Kysely<Database>, dialect: Dialect) {
  const set = (id: number, patch: Partial<Omit<DeliveryRow, "id">>) => db.updateTable("deliveries").set(patch).where("id", "=", id);
  return {
    /** Adds the rows not there yet (the unique key is (campaign, follower)); returns the ids of new rows to send. */
    async insertMany(rows: Insertable<DeliveriesTable>[]): Promise<number[]> {
      if (rows.length === 0) return [];
      if (dialect === "postgres") {
        // One array per column instead of nine parameters per row: a page of thousands of rows is one short
        // statement that PostgreSQL parses at once.
        const col = <K extends keyof Insertable<DeliveriesTable>>(k: K) => rows.map((r) => r[k] ?? null);
        const r = await db.transaction().execute(async (trx) => {
          // Not waiting for the disk on each page: the planning job's last write (campaign planned) waits, and
          // flushes every page before it; should PostgreSQL itself crash before that, the job fails and re-plans.
          await sql`SET LOCAL synchronous_commit = off`.execute(trx);
          return sql<{ id: number; state: string }>`
          INSERT INTO deliveries (campaign_id, user_id, kind, state, zalo_message_id, error_code, planned_cost_vnd, created_at, updated_at)
          SELECT * FROM unnest(${col("campaign_id")}::bigint[], ${col("user_id")}::text[], ${col("kind")}::text[], ${col("state")}::text[],
            ${col("zalo_message_id")}::text[], ${col("error_code")}::int[], ${rows.map((r) => r.planned_cost_vnd ?? 0)}::int[], ${col("created_at")}::timestamptz[], ${col("updated_at")}::timestamptz[])
          ON CONFLICT (campaign_id, user_id) DO NOTHING
          RETURNING id, state`.execute(trx);
        });
        return r.rows.filter((x) => x.state === "planned").map((x) => Number(x.id));
      }
      const done = await db
        .insertInto("deliveries")
        .values(rows)
        .onConflict((oc) => oc.columns(["campaign_id", "user_id"]).doNothing())
        .returning(["id", "state"])
        .execute();
      return done.filter((r) => r.state === "planned").map((r) => Number(r.id));
    },
    /** The highest row id of a campaign so far (0: none): what an earlier planning run wrote. */
    async maxId(campaignId: number): Promise<number> {
      const r = await db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.max("id").as("m"))
        .where("campaign_id", "=", campaignId)
        .executeTakeFirst();
      return Number(r?.m ?? 0);
    },
    /** Ids of rows up to `upToId` still to send (written by a planning run that died, say). */
    async plannedIds(campaignId: number, upToId: number): Promise<number[]> {
      const rows = await db
        .selectFrom("deliveries")
        .select("id")
        .where("campaign_id", "=", campaignId)
        .where("id", "<=", upToId)
        .where("state", "in", ["planned", "sending"])
        .orderBy("id")
        .execute();
      return rows.map((r) => Number(r.id));
    },
    /** The rows among `ids` still to send (a batch job's share), in id order. */
    findOpen(ids: number[]): Promise<DeliveryRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom("deliveries").selectAll().where("id", "in", ids).where("state", "in", ["planned", "sending"]).orderBy("id").execute();
    },
    async cancelMany(ids: number[], at: string): Promise<void> {
      if (ids.length)
        await db
          .updateTable("deliveries")
          .set({ state: "cancelled", updated_at: at })
          .where("id", "in", ids)
          .where("state", "in", ["planned", "sending"])
          .execute();
    },
    findById(id: number): Promise<DeliveryRow | undefined> {
      return db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    },
    /**
     * Takes a row for sending: a planned row, or one left "sending" since before `staleBefore` by a sender that
     * died (flagged in_flight_at_crash: that person may get it twice). False when someone else has it.
     */
    async claim(id: number, at: string, staleBefore: string): Promise<boolean> {
      const planned = await db
        .updateTable("deliveries")
        .set((eb) => ({ state: "sending", attempts: eb("attempts", "+", 1), updated_at: at }))
        .where("id", "=", id)
        .where("state", "=", "planned")
        .executeTakeFirst();
      if (Number(planned.numUpdatedRows) > 0) return true;
      const stale = await db
        .updateTable("deliveries")
        .set((eb) => ({ state: "sending", attempts: eb("attempts", "+", 1), updated_at: at, in_flight_at_crash: 1 }))
        .where("id", "=", id)
        .where("state", "=", "sending")
        .where("updated_at", "<", staleBefore)
        .executeTakeFirst();
      return Number(stale.numUpdatedRows) > 0;
    },
    async markSent(id: number, zaloMessageId: string, costVnd: number, quotaType: string, at: string): Promise<void> {
      await set(id, {
        state: "sent",
        zalo_message_id: zaloMessageId || null,
        cost_vnd: costVnd,
        quota_type: quotaType,
        error_code: null,
        updated_at: at,
      }).execute();
    },
    async markHeld(id: number, errorCode: number | null, at: string): Promise<void> {
      await set(id, { state: "held", error_code: errorCode, updated_at: at }).execute();
    },
    async markFailed(id: number, errorCode: number, at: string): Promise<void> {
      await set(id, { state: "failed", error_code: errorCode, updated_at: at }).execute();
    },
    async markPlanned(id: number, errorCode: number | null, at: string): Promise<void> {
      await set(id, { state: "planned", error_code: errorCode, updated_at: at }).execute();
    },
    async markCancelled(id: number, at: string): Promise<void> {
      await set(id, { state: "cancelled", updated_at: at }).execute();
    },
    async cancelOpen(campaignId: number, at: string): Promise<number> {
      const r = await db
        .updateTable("deliveries")
        .set({ state: "cancelled", updated_at: at })
        .where("campaign_id", "=", campaignId)
        .where("state", "=", "planned")
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async inFlightAtCrash(campaignId: number): Promise<number> {
      const r = await db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("campaign_id", "=", campaignId)
        .where("in_flight_at_crash", "=", 1)
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    countsByState(campaignId: number) {
      return db
        .selectFrom("deliveries")
        .select((eb) => [
          "state",
          "error_code",
          "quota_type",
          eb.fn.countAll<number>().as("n"),
          eb.fn.sum<number>("cost_vnd").as("cost"),
          eb.fn.sum<number>("planned_cost_vnd").as("planned"),
        ])
        .where("campaign_id", "=", campaignId)
        .groupBy(["state", "error_code", "quota_type"])
        .execute();
    },
    /** Rows per (campaign, state) for a few campaigns (a page of the list), from the (campaign_id, state) index. */
    countsFor(campaignIds: number[], states: DeliveryRow["state"][]) {
      if (campaignIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom("deliveries")
        .select((eb) => ["campaign_id", "state", eb.fn.countAll<number>().as("n")])
        .where("campaign_id", "in", campaignIds)
        .where("state", "in", states)
        .groupBy(["campaign_id", "state"])
        .execute();
    },
    receipts(campaignId: number) {
      return db
        .selectFrom("deliveries as d")
        .innerJoin("message_receipts as r", "r.zalo_message_id", "d.zalo_message_id")
        .select((eb) => ["r.event", eb.fn.count<number>(sql`distinct d.id`).as("n")])
        .where("d.campaign_id", "=", campaignId)
        .groupBy("r.event")
        .execute();
    },
    /** The person's inbox: news that could not be pushed, oldest first. */
    held(userId: string, limit: number) {
      return db
        .selectFrom("deliveries")
        .select(["id", "campaign_id"])
        .where("user_id", "=", userId)
        .where("state", "=", "held")
        .orderBy("id")
        .limit(limit)
        .execute();
    },
    /** held → another state, only if still held (the app may have read it meanwhile); true when this call moved it. */
    async takeHeld(id: number, state: "sent" | "cancelled", at: string): Promise<boolean> {
      const r = await db.updateTable("deliveries").set({ state, updated_at: at }).where("id", "=", id).where("state", "=", "held").executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** "Tin mới": the person's held and read news of campaigns not cancelled, newest first. */
    async news(userId: string, limit: number) {
      const rows = await db
        .selectFrom("deliveries as d")
        .innerJoin("campaigns as c", "c.id", "d.campaign_id")
        .select(["d.id", "d.campaign_id", "d.state", "d.created_at", "c.title", "c.content"])
        .where("d.user_id", "=", userId)
        .where("d.state", "in", ["held", "read"])
        .where("c.status", "<>", "cancelled")
        .orderBy("d.id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, content: parseContent(r.content) }));
    },
    async unreadNews(userId: string): Promise<number> {
      const r = await db
        .selectFrom("deliveries as d")
        .innerJoin("campaigns as c", "c.id", "d.campaign_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("d.user_id", "=", userId)
        .where("d.state", "=", "held")
        .where("c.status", "<>", "cancelled")
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    findFor(campaignId: number, userId: string): Promise<DeliveryRow | undefined> {
      return db.selectFrom("deliveries").selectAll().where("campaign_id", "=", campaignId).where("user_id", "=", userId).executeTakeFirst();
    },
    /** held → read (in the app); false when it was not held. */
    async markRead(id: number, at: string): Promise<boolean> {
      const r = await db.updateTable("deliveries").set({ state: "read", updated_at: at }).where("id", "=", id).where("state", "=", "held").executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export type DeliveryRepository = ReturnType<typeof deliveryRepository>;
