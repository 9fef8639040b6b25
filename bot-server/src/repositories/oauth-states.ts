import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, OauthStatesTable } from "../db/schema.js";

export function oauthStateRepository(db: Kysely<Database>) {
  return {
    async insert(row: Insertable<OauthStatesTable>): Promise<void> {
      await db.insertInto("oauth_states").values(row).execute();
    },
    /** Reads and deletes: a state is good for one callback only. */
    async take(state: string): Promise<Selectable<OauthStatesTable> | undefined> {
      const row = await db.selectFrom("oauth_states").selectAll().where("state", "=", state).executeTakeFirst();
      if (row) await db.deleteFrom("oauth_states").where("state", "=", state).execute();
      return row;
    },
  };
}
