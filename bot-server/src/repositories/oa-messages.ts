import type { Insertable, Kysely, Selectable } from "kysely";
import type { OaMessage } from "../../../shared/schemas/oa.js";
import type { Database, MessageReceiptsTable, OaMessagesTable } from "../db/schema.js";

/** A queued or sent message, the message itself parsed (written by this server, checked when it was built). */
export type OaMessageRow = Omit<Selectable<OaMessagesTable>, "message"> & { message: OaMessage };

export function oaMessageRepository(db: Kysely<Database>) {
  return {
    /** Queues replies planned for one inbox event; planning twice (a retried job) adds nothing. */
    async queue(rows: Insertable<OaMessagesTable>[]): Promise<void> {
      if (rows.length)
        await db
          .insertInto("oa_messages")
          .values(rows)
          .onConflict((oc) => oc.columns(["inbox_id", "seq"]).doNothing())
          .execute();
    },
    async queuedFor(inboxId: number): Promise<OaMessageRow[]> {
      const rows = await db.selectFrom("oa_messages").selectAll().where("inbox_id", "=", inboxId).where("status", "=", "queued").orderBy("seq").execute();
      return rows.map((r) => ({ ...r, message: JSON.parse(r.message) as OaMessage }));
    },
    async markSent(id: number, zaloMessageId: string, at: string, quotaType: string | null = null, costVnd = 0): Promise<void> {
      await db
        .updateTable("oa_messages")
        .set({ status: "sent", zalo_message_id: zaloMessageId || null, sent_at: at, quota_type: quotaType, cost_vnd: costVnd })
        .where("id", "=", id)
        .execute();
    },
    async markFailed(id: number, errorCode: number): Promise<void> {
      await db.updateTable("oa_messages").set({ status: "failed", error_code: errorCode }).where("id", "=", id).execute();
    },
    async addReceipts(rows: Insertable<MessageReceiptsTable>[]): Promise<void> {
      if (rows.length)
        await db
          .insertInto("message_receipts")
          .values(rows)
          .onConflict((oc) => oc.columns(["zalo_message_id", "event"]).doNothing())
          .execute();
    },
    receiptsOf(zaloMessageId: string) {
      return db.selectFrom("message_receipts").selectAll().where("zalo_message_id", "=", zaloMessageId).execute();
    },
  };
}

export type OaMessageRepository = ReturnType<typeof oaMessageRepository>;
