import type { Insertable, Kysely, Selectable } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, JobsTable } from "../db/schema.js";

export type JobRow = Selectable<JobsTable>;

export function jobRepository(db: Kysely<Database>, dialect: Dialect) {
  return {
    /** Adds a job; with a key, a job already there under that key is left alone (returns false). */
    async insert(row: Insertable<JobsTable>): Promise<boolean> {
      const r = await db
        .insertInto("jobs")
        .values(row)
        .onConflict((oc) => oc.column("job_key").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async insertMany(rows: Insertable<JobsTable>[]): Promise<void> {
      if (rows.length)
        await db
          .insertInto("jobs")
          .values(rows)
          .onConflict((oc) => oc.column("job_key").doNothing())
          .execute();
    },

    /** Takes up to `limit` ready jobs of a queue, oldest first, and leases them (one index range, no scan). */
    claim(queue: string, now: string, leaseUntil: string, limit: number): Promise<JobRow[]> {
      return db
        .updateTable("jobs")
        .set((eb) => ({ status: "active", attempts: eb("attempts", "+", 1), locked_until: leaseUntil }))
        .where("id", "in", (eb) => {
          let q = eb
            .selectFrom("jobs")
            .select("id")
            .where("queue", "=", queue)
            .where("status", "=", "waiting")
            .where("run_at", "<=", now)
            .orderBy("run_at")
            .limit(limit);
          if (dialect === "postgres") q = q.forUpdate().skipLocked();
          return q;
        })
        .returningAll()
        .execute();
    },

    /** Jobs whose worker died (lease expired) become ready again. */
    async reclaimExpired(queue: string, now: string): Promise<number> {
      const r = await db
        .updateTable("jobs")
        .set({ status: "waiting", locked_until: null })
        .where("queue", "=", queue)
        .where("status", "=", "active")
        .where("locked_until", "<", now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async extendLease(id: number, until: string): Promise<void> {
      await db.updateTable("jobs").set({ locked_until: until }).where("id", "=", id).where("status", "=", "active").execute();
    },

    /** A finished job leaves the table, which keeps the ready range small; its data lives elsewhere. */
    async complete(id: number): Promise<void> {
      await db.deleteFrom("jobs").where("id", "=", id).execute();
    },

    async retryLater(id: number, runAt: string, error: string): Promise<void> {
      await db.updateTable("jobs").set({ status: "waiting", run_at: runAt, locked_until: null, last_error: error }).where("id", "=", id).execute();
    },

    async fail(id: number, now: string, error: string): Promise<void> {
      await db.updateTable("jobs").set({ status: "failed", finished_at: now, locked_until: null, last_error: error }).where("id", "=", id).execute();
    },

    countByStatus(queue: string) {
      return db
        .selectFrom("jobs")
        .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
        .where("queue", "=", queue)
        .groupBy("status")
        .execute();
    },
  };
}

export type JobRepository = ReturnType<typeof jobRepository>;
