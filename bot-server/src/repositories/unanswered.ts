import type { Insertable, Kysely } from "kysely";
import type { Database, UnansweredQuestionsTable } from "../db/schema.js";

export function unansweredRepository(db: Kysely<Database>) {
  return {
    async add(row: Insertable<UnansweredQuestionsTable>): Promise<void> {
      await db.insertInto("unanswered_questions").values(row).execute();
    },
    /** Open questions, newest first; with area codes, only those of followers whose commune is among them. */
    listOpen(communeCodes: string[] | null, limit: number) {
      let q = db
        .selectFrom("unanswered_questions as u")
        .leftJoin("subscribers as s", "s.user_id", "u.user_id")
        .select(["u.id", "u.user_id", "u.text", "u.best_match", "u.best_score", "u.created_at", "s.commune_code"])
        .where("u.resolved_at", "is", null);
      if (communeCodes) q = q.where("s.commune_code", "in", communeCodes.length ? communeCodes : ["\u0000"]);
      return q.orderBy("u.created_at", "desc").orderBy("u.id", "desc").limit(limit).execute();
    },
  };
}

export type UnansweredRepository = ReturnType<typeof unansweredRepository>;
