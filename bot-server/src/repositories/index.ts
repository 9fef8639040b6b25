import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { learnerRepository } from "./learners.js";
import { progressRepository } from "./progress.js";

function bind(db: Kysely<Database>) {
  return { learners: learnerRepository(db), progress: progressRepository(db) };
}

export type RepositorySet = ReturnType<typeof bind>;

export interface Repositories extends RepositorySet {
  /** Runs `fn` with repositories bound to one transaction: all of its writes land, or none. */
  transaction<T>(fn: (repos: RepositorySet) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
}

export function repositories(db: Kysely<Database>): Repositories {
  return {
    ...bind(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(bind(trx))),
    ping: async () => {
      await db.selectFrom("learners").select("id").limit(1).execute();
    },
  };
}
