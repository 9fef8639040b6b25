import type { Insertable, Kysely } from "kysely";
import type { AuditLogTable, Database } from "../db/schema.js";

/** The audit log takes new entries and is read; the database refuses updates and deletes. */
export function auditRepository(db: Kysely<Database>) {
  return {
    async append(row: Insertable<AuditLogTable>): Promise<void> {
      await db.insertInto("audit_log").values(row).execute();
    },
    list(areaCodes: string[] | null, limit: number) {
      let q = db.selectFrom("audit_log").selectAll();
      if (areaCodes) q = q.where("area_code", "in", areaCodes.length ? areaCodes : ["\u0000"]);
      return q.orderBy("id", "desc").limit(limit).execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
