import { sql, type Kysely } from "kysely";

/**
 * Report rollups (Step 4, section 4): counters per team (with its commune, for province and commune sums), kept
 * current in the same transaction as the writes that change them (services/reports/rollups.ts) and equal to a
 * from-scratch count (rebuildReportRollups, tested). Weeks, quizzes and visit kinds are also kept per commune;
 * a province is the sum of its communes' rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // All-time figures of a team: active members and those trained, residents credited, those who completed a
  // lesson, the lessons they completed, and household visits.
  await sql`CREATE TABLE report_team_totals (
    team_id BIGINT PRIMARY KEY REFERENCES teams (id),
    commune_code TEXT NOT NULL,
    members INTEGER NOT NULL DEFAULT 0,
    trained INTEGER NOT NULL DEFAULT 0,
    credited INTEGER NOT NULL DEFAULT 0,
    learning INTEGER NOT NULL DEFAULT 0,
    lessons INTEGER NOT NULL DEFAULT 0,
    visits INTEGER NOT NULL DEFAULT 0
  )`.execute(db);
  await sql`CREATE INDEX report_team_totals_commune ON report_team_totals (commune_code)`.execute(db);
  // Per week (Monday, Vietnam time): residents credited, lessons completed by them, visits, memberships started.
  await sql`CREATE TABLE report_team_weeks (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    week_start TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    credited INTEGER NOT NULL DEFAULT 0,
    lessons INTEGER NOT NULL DEFAULT 0,
    visits INTEGER NOT NULL DEFAULT 0,
    joined INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, week_start)
  )`.execute(db);
  await sql`CREATE INDEX report_team_weeks_commune ON report_team_weeks (commune_code, week_start)`.execute(db);
  // Per lesson: credited residents who attempted its quiz, and who passed it.
  await sql`CREATE TABLE report_team_quiz (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    lesson_id TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    attempted INTEGER NOT NULL DEFAULT 0,
    passed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, lesson_id)
  )`.execute(db);
  await sql`CREATE INDEX report_team_quiz_commune ON report_team_quiz (commune_code)`.execute(db);
  // Per visit kind: visits that helped with it.
  await sql`CREATE TABLE report_team_kinds (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    kind TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    visits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, kind)
  )`.execute(db);
  await sql`CREATE INDEX report_team_kinds_commune ON report_team_kinds (commune_code)`.execute(db);
  // The same per commune (the sum of its teams' rows), so that a province reads a few thousand rows, not a hundred thousand.
  await sql`CREATE TABLE report_commune_weeks (
    commune_code TEXT NOT NULL,
    week_start TEXT NOT NULL,
    credited INTEGER NOT NULL DEFAULT 0,
    lessons INTEGER NOT NULL DEFAULT 0,
    visits INTEGER NOT NULL DEFAULT 0,
    joined INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_code, week_start)
  )`.execute(db);
  await sql`CREATE TABLE report_commune_quiz (
    commune_code TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    attempted INTEGER NOT NULL DEFAULT 0,
    passed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_code, lesson_id)
  )`.execute(db);
  await sql`CREATE TABLE report_commune_kinds (
    commune_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    visits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_code, kind)
  )`.execute(db);
  // Keeping the rollups current reads a person's memberships, past ones included.
  await sql`CREATE INDEX team_members_learner ON team_members (learner_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX team_members_learner`.execute(db);
  await sql`DROP TABLE report_commune_kinds`.execute(db);
  await sql`DROP TABLE report_commune_quiz`.execute(db);
  await sql`DROP TABLE report_commune_weeks`.execute(db);
  await sql`DROP TABLE report_team_kinds`.execute(db);
  await sql`DROP TABLE report_team_quiz`.execute(db);
  await sql`DROP TABLE report_team_weeks`.execute(db);
  await sql`DROP TABLE report_team_totals`.execute(db);
}
