import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

/** Leases in the database: a lock is held until released or until it expires, whichever comes first. */
export function lockRepository(db: Kysely<Database>) {
  return {
    async acquire(name: string, holder: string, now: string, expiresAt: string): Promise<boolean> {
      const r = await db
        .insertInto("locks")
        .values({ name, holder, expires_at: expiresAt })
        .onConflict((oc) => oc.column("name").doUpdateSet({ holder, expires_at: expiresAt }).where("locks.expires_at", "<", now))
        .returning("holder")
        .executeTakeFirst();
      return r?.holder === holder;
    },
    async release(name: string, holder: string): Promise<void> {
      await db.deleteFrom("locks").where("name", "=", name).where("holder", "=", holder).execute();
    },
  };
}

export type LockRepository = ReturnType<typeof lockRepository>;
