import type { Kysely, Selectable } from "kysely";
import type { CommunePointsTable, Database } from "../db/schema.js";

export type CommunePointRow = Selectable<CommunePointsTable>;

export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

export function communePointRepository(db: Kysely<Database>) {
  return {
    find(code: string): Promise<CommunePointRow | undefined> {
      return db.selectFrom("commune_points").selectAll().where("commune_code", "=", code).executeTakeFirst();
    },
    async set(row: CommunePointRow): Promise<void> {
      const { commune_code, ...rest } = row;
      await db
        .insertInto("commune_points")
        .values(row)
        .onConflict((oc) => oc.column("commune_code").doUpdateSet(rest))
        .execute();
    },
    async remove(code: string): Promise<boolean> {
      const r = await db.deleteFrom("commune_points").where("commune_code", "=", code).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** The points inside a latitude/longitude box (the coarse cut before the exact distance). */
    within(box: Box, limit = 500): Promise<CommunePointRow[]> {
      return db
        .selectFrom("commune_points")
        .selectAll()
        .where("latitude", ">=", box.minLat)
        .where("latitude", "<=", box.maxLat)
        .where("longitude", ">=", box.minLng)
        .where("longitude", "<=", box.maxLng)
        .limit(limit)
        .execute();
    },
    async count(): Promise<number> {
      const r = await db
        .selectFrom("commune_points")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
