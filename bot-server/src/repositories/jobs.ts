import type { Insertable, Kysely, Selectable } from "kysely";
import type { Dialect } from "../db/connect.js";
import type { Database, JobsTable } from "../db/schema.js";

export type JobRow = Selectable<JobsTable>;

export function jobRepository(db: Kysely<Database>, dialect: Dialect) {
  return {
    /** Adds a job; with a key, a job already there under that key is left alone (returns false). */
    async insert(row: Insertable<JobsTable>): Promise<boolean> {
      const r = await db.insertInto("jobs").values(row).onConflict((oc) => oc.column("job_key").doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** Takes up to `limit` ready jobs of a queue (and jobs whose worker died: lease expired) and leases them. */
    claim(queue: string, now: string, leaseUntil: string, limit: number): Promise<JobRow[]> {
      return db
        .updateTable("jobs")
        .set((eb) => ({ status: "active", attempts: eb("attempts", "+", 1), locked_until: leaseUntil }))
        .where("id", "in", (eb) => {
          let q = eb
            .selectFrom("jobs")
            .select("id")
            .where("queue", "=", queue)
            .where((w) =>
              w.or([
                w.and([w("status", "=", "waiting"), w("run_at", "<=", now)]),
                w.and([w("status", "=", "active"), w("locked_until", "<", now)]),
              ]),
            )
            .orderBy("run_at")
            .limit(limit);
          if (dialect === "postgres") q = q.forUpdate().skipLocked();
          return q;
        })
        .returningAll()
        .execute();
    },

    async complete(id: number, now: string): Promise<void> {
      await db.updateTable("jobs").set({ status: "done", finished_at: now, locked_until: null, last_error: null }).where("id", "=", id).execute();
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
