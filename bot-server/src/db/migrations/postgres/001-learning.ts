import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE learners (
    id TEXT PRIMARY KEY,
    zalo_user_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    id_by_oa TEXT,
    ref_code TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX learners_id_by_oa ON learners (id_by_oa)`.execute(db);
  await sql`CREATE TABLE quiz_attempts (
    id TEXT PRIMARY KEY,
    learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    lesson_id TEXT NOT NULL,
    correct SMALLINT NOT NULL,
    total SMALLINT NOT NULL,
    score_pct SMALLINT NOT NULL,
    passed SMALLINT NOT NULL,
    answers TEXT NOT NULL,
    answered_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX quiz_attempts_learner_lesson ON quiz_attempts (learner_id, lesson_id)`.execute(db);
  await sql`CREATE TABLE lesson_completions (
    id TEXT PRIMARY KEY,
    learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    lesson_id TEXT NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    UNIQUE (learner_id, lesson_id)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE lesson_completions`.execute(db);
  await sql`DROP TABLE quiz_attempts`.execute(db);
  await sql`DROP TABLE learners`.execute(db);
}
