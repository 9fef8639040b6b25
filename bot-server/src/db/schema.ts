import type { Generated } from "kysely";

/** Timestamps are ISO-8601 strings in both dialects (PostgreSQL's are parsed back into strings). */
export interface LearnersTable {
  id: string;
  zalo_user_id: string;
  name: string;
  id_by_oa: string | null;
  ref_code: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuizAttemptsTable {
  id: string;
  learner_id: string;
  lesson_id: string;
  correct: number;
  total: number;
  score_pct: number;
  passed: number;
  answers: string;
  answered_at: string;
  received_at: string;
}

export interface LessonCompletionsTable {
  id: string;
  learner_id: string;
  lesson_id: string;
  completed_at: string;
  received_at: string;
}

export interface Database {
  learners: LearnersTable;
  quiz_attempts: QuizAttemptsTable;
  lesson_completions: LessonCompletionsTable;
  kysely_migration: { name: string; timestamp: Generated<string> };
}
