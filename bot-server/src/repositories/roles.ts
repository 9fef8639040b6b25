import type { Kysely, Selectable } from "kysely";
import type { Database, RolesTable } from "../db/schema.js";

export type RoleRow = Selectable<RolesTable>;

export function roleRepository(db: Kysely<Database>) {
  return {
    ofUser(zaloUserId: string): Promise<RoleRow[]> {
      return db.selectFrom("roles").selectAll().where("zalo_user_id", "=", zaloUserId).orderBy("role").execute();
    },
    find(zaloUserId: string, role: RoleRow["role"], areaCode: string): Promise<RoleRow | undefined> {
      return db
        .selectFrom("roles")
        .selectAll()
        .where("zalo_user_id", "=", zaloUserId)
        .where("role", "=", role)
        .where("area_code", "=", areaCode)
        .executeTakeFirst();
    },
    /** Roles whose area starts with `prefix` ("" = all; a province code = that province and its communes). */
    inArea(prefixes: string[] | null): Promise<RoleRow[]> {
      let q = db.selectFrom("roles").selectAll();
      if (prefixes) q = q.where("area_code", "in", prefixes.length ? prefixes : ["\u0000"]);
      return q.orderBy("area_code").orderBy("role").orderBy("zalo_user_id").execute();
    },
    async insert(row: RoleRow): Promise<boolean> {
      const r = await db
        .insertInto("roles")
        .values(row)
        .onConflict((oc) => oc.columns(["zalo_user_id", "role", "area_code"]).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async delete(zaloUserId: string, role: RoleRow["role"], areaCode: string): Promise<boolean> {
      const r = await db
        .deleteFrom("roles")
        .where("zalo_user_id", "=", zaloUserId)
        .where("role", "=", role)
        .where("area_code", "=", areaCode)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type RoleRepository = ReturnType<typeof roleRepository>;
