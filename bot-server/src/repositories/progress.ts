import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

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
