import type { Kysely, Selectable } from "kysely";
import type { Database, OaTokensTable } from "../db/schema.js";

export type OaTokenRow = Selectable<OaTokensTable>;

export function oaTokenRepository(db: Kysely<Database>) {
  return {
    find(oaId: string): Promise<OaTokenRow | undefined> {
      return db.selectFrom("oa_tokens").selectAll().where("oa_id", "=", oaId).executeTakeFirst();
    },
    async save(row: OaTokenRow): Promise<void> {
      await db
        .insertInto("oa_tokens")
        .values(row)
        .onConflict((oc) =>
          oc.column("oa_id").doUpdateSet({
            access_token: row.access_token,
            refresh_token: row.refresh_token,
            access_expires_at: row.access_expires_at,
            refresh_expires_at: row.refresh_expires_at,
            source: row.source,
            updated_at: row.updated_at,
            last_error: null,
            last_error_at: null,
          }),
        )
        .execute();
    },
    async insertIfAbsent(row: OaTokenRow): Promise<void> {
      await db
        .insertInto("oa_tokens")
        .values(row)
        .onConflict((oc) => oc.column("oa_id").doNothing())
        .execute();
    },
    async recordError(oaId: string, error: string, at: string): Promise<void> {
      await db
        .updateTable("oa_tokens")
        .set({ last_error: error.slice(0, 500), last_error_at: at })
        .where("oa_id", "=", oaId)
        .execute();
    },
  };
}

export type OaTokenRepository = ReturnType<typeof oaTokenRepository>;
