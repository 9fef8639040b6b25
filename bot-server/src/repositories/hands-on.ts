import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database, HandsOnCodesTable, HandsOnConfirmationsTable } from "../db/schema.js";

export type HandsOnCodeRow = Selectable<HandsOnCodesTable>;
export type HandsOnConfirmationRow = Selectable<HandsOnConfirmationsTable>;

export function handsOnRepository(db: Kysely<Database>) {
  return {
    addCode: (row: Insertable<HandsOnCodesTable>) => db.insertInto("hands_on_codes").values(row).execute(),
    /** The first member to open the code holds it; false when another member holds it. */
    async holdCode(code: string, memberId: string): Promise<boolean> {
      await db.updateTable("hands_on_codes").set({ member_id: memberId }).where("code", "=", code).where("member_id", "is", null).execute();
      const row = await db.selectFrom("hands_on_codes").select("member_id").where("code", "=", code).executeTakeFirst();
      return row?.member_id === memberId;
    },
    findCode: (code: string) => db.selectFrom("hands_on_codes").selectAll().where("code", "=", code).executeTakeFirst(),
    /** Older codes of the learner for the skill stop working when a new one is shown. */
    dropCodes: (learnerId: string, skill: string) => db.deleteFrom("hands_on_codes").where("learner_id", "=", learnerId).where("skill", "=", skill).execute(),
    /** Tasks confirmed once: a task confirmed again keeps its first confirmation. Returns the tasks newly confirmed. */
    async confirm(rows: Insertable<HandsOnConfirmationsTable>[]): Promise<string[]> {
      const added: string[] = [];
      for (const row of rows) {
        const r = await db
          .insertInto("hands_on_confirmations")
          .values(row)
          .onConflict((oc) => oc.columns(["learner_id", "skill", "task_id"]).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) added.push(row.task_id);
      }
      return added;
    },
    confirmations: (learnerId: string, skill?: string) => {
      let q = db.selectFrom("hands_on_confirmations").selectAll().where("learner_id", "=", learnerId);
      if (skill) q = q.where("skill", "=", skill);
      return q.orderBy("confirmed_at").execute();
    },
  };
}
