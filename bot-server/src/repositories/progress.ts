import type { Insertable, Kysely } from "kysely";
import type { Database, LessonCompletionsTable, QuizAttemptsTable } from "../db/schema.js";

export interface StoredEventRef {
  id: string;
  learner_id: string;
  lesson_id: string;
}

export interface LessonStats {
  lesson_id: string;
  attempts: number;
  best_score_pct: number | null;
  passed: boolean;
}

export function progressRepository(db: Kysely<Database>) {
  return {
    findAttempts(ids: string[]): Promise<StoredEventRef[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom("quiz_attempts").select(["id", "learner_id", "lesson_id"]).where("id", "in", ids).execute();
    },

    findCompletions(ids: string[]): Promise<StoredEventRef[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom("lesson_completions").select(["id", "learner_id", "lesson_id"]).where("id", "in", ids).execute();
    },

    /** Inserts the attempts whose id is new; returns the ids actually inserted. */
    async insertNewAttempts(rows: Insertable<QuizAttemptsTable>[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const done = await db
        .insertInto("quiz_attempts")
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .execute();
      return done.map((r) => r.id);
    },

    /** Inserts completions whose id is new and whose lesson the learner has not read yet; returns the ids inserted. */
    async insertNewCompletions(rows: Insertable<LessonCompletionsTable>[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const done = await db
        .insertInto("lesson_completions")
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .execute();
      return done.map((r) => r.id);
    },

    async attemptStats(learnerId: string): Promise<LessonStats[]> {
      const rows = await db
        .selectFrom("quiz_attempts")
        .select((eb) => ["lesson_id", eb.fn.countAll<number>().as("attempts"), eb.fn.max("score_pct").as("best_score_pct"), eb.fn.max("passed").as("passed")])
        .where("learner_id", "=", learnerId)
        .groupBy("lesson_id")
        .execute();
      return rows.map((r) => ({
        lesson_id: r.lesson_id,
        attempts: Number(r.attempts),
        best_score_pct: r.best_score_pct == null ? null : Number(r.best_score_pct),
        passed: Number(r.passed) === 1,
      }));
    },

    async readLessonIds(learnerId: string): Promise<string[]> {
      const rows = await db.selectFrom("lesson_completions").select("lesson_id").where("learner_id", "=", learnerId).execute();
      return rows.map((r) => r.lesson_id);
    },
  };
}

export type ProgressRepository = ReturnType<typeof progressRepository>;
