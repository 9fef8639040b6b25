import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Database, WebhookInboxTable } from "../db/schema.js";

/** A stored webhook event, its payload parsed (Zalo's JSON as it came). */
export type InboxRow = Omit<Selectable<WebhookInboxTable>, "payload"> & { payload: unknown };

export function inboxRepository(db: Kysely<Database>) {
  return {
    /** Stores an event once: returns its id when new, null when the same event key is already there. */
    /** Stores many events in one statement; returns the id of each new event by its key (keys already there are left out). */
    async insertManyNew(rows: Insertable<WebhookInboxTable>[]): Promise<Map<string, number>> {
      if (rows.length === 0) return new Map();
      const done = await db
        .insertInto("webhook_inbox")
        .values(rows)
        .onConflict((oc) => oc.column("event_key").doNothing())
        .returning(["id", "event_key"])
        .execute();
      return new Map(done.map((r) => [r.event_key, Number(r.id)]));
    },
    /** Unfinished events that have no job (stored, then the process died or the queue write failed). */
    async unqueuedIds(limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom("webhook_inbox as i")
        .select("i.id")
        .where("i.status", "in", ["pending", "planned"])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("jobs")
                .select("jobs.id")
                .where("jobs.job_key", "=", sql<string>`'inbox:' || i.id`),
            ),
          ),
        )
        .orderBy("i.id")
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },
    /** When the latest webhook event arrived (null: none yet). */
    async lastReceivedAt(): Promise<string | null> {
      const r = await db
        .selectFrom("webhook_inbox")
        .select((eb) => eb.fn.max("received_at").as("at"))
        .executeTakeFirst();
      return (r?.at as string | null | undefined) ?? null;
    },
    async findById(id: number): Promise<InboxRow | undefined> {
      const r = await db.selectFrom("webhook_inbox").selectAll().where("id", "=", id).executeTakeFirst();
      return r && { ...r, payload: JSON.parse(r.payload) as unknown };
    },
    async markPlanned(id: number): Promise<void> {
      await db.updateTable("webhook_inbox").set({ status: "planned" }).where("id", "=", id).where("status", "in", ["pending", "failed"]).execute();
    },
    async markProcessed(id: number, status: "done" | "ignored", now: string): Promise<void> {
      await db.updateTable("webhook_inbox").set({ status, processed_at: now, last_error: null }).where("id", "=", id).execute();
    },
    /** Deletes processed events older than `before` (their replies are kept in oa_messages); how many went. */
    async prune(before: string, limit = 5000): Promise<number> {
      const ids = db.selectFrom("webhook_inbox").select("id").where("status", "in", ["done", "ignored"]).where("processed_at", "<", before).limit(limit);
      const r = await db.deleteFrom("webhook_inbox").where("id", "in", ids).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async recordFailure(id: number, error: string, final: boolean): Promise<void> {
      await db
        .updateTable("webhook_inbox")
        .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: error.slice(0, 1000), ...(final ? { status: "failed" as const } : {}) }))
        .where("id", "=", id)
        .execute();
    },
  };
}

export type InboxRepository = ReturnType<typeof inboxRepository>;
