import type { Insertable, Kysely } from "kysely";
import type { Database, UnansweredQuestionsTable } from "../db/schema.js";

export function unansweredRepository(db: Kysely<Database>) {
  return {
    async add(row: Insertable<UnansweredQuestionsTable>): Promise<void> {
      await db.insertInto("unanswered_questions").values(row).execute();
    },
    listOpen(limit: number) {
      return db.selectFrom("unanswered_questions").selectAll().where("resolved_at", "is", null).orderBy("created_at", "desc").limit(limit).execute();
    },
  };
}

export type UnansweredRepository = ReturnType<typeof unansweredRepository>;
