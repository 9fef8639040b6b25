import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

/** Small facts about the OA that every process shares (JSON values): the quota read, imports, what /health reports. */
export function oaStateRepository(db: Kysely<Database>) {
  return {
    async get<T>(key: string): Promise<{ value: T; updatedAt: string } | null> {
      const row = await db.selectFrom("oa_state").select(["value", "updated_at"]).where("key", "=", key).executeTakeFirst();
      return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : null;
    },
    async set(key: string, value: unknown, at: string): Promise<void> {
      const json = JSON.stringify(value);
      await db
        .insertInto("oa_state")
        .values({ key, value: json, updated_at: at })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: at }))
        .execute();
    },
  };
}

export type OaStateRepository = ReturnType<typeof oaStateRepository>;
