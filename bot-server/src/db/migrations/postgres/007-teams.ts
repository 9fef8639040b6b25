import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A team (tổ công nghệ số cộng đồng) belongs to one commune of the 2025 units. Its ref code goes on posters.
  await sql`CREATE TABLE teams (
    id BIGSERIAL PRIMARY KEY,
    commune_code TEXT NOT NULL,
    name TEXT NOT NULL,
    ref_code TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX teams_commune ON teams (commune_code)`.execute(db);
  // One row per membership; a removed member keeps the row (removed_at set). A person is in at most one team
  // at a time, and a team has at most one leader: both are partial unique indexes over active rows.
  await sql`CREATE TABLE team_members (
    id BIGSERIAL PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    learner_id TEXT NOT NULL REFERENCES learners (id),
    role TEXT NOT NULL CHECK (role IN ('member', 'leader')),
    ref_code TEXT NOT NULL UNIQUE,
    joined_at TIMESTAMPTZ NOT NULL,
    removed_at TIMESTAMPTZ,
    removed_by TEXT
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX team_members_one_team ON team_members (learner_id) WHERE removed_at IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX team_members_one_leader ON team_members (team_id) WHERE removed_at IS NULL AND role = 'leader'`.execute(db);
  await sql`CREATE INDEX team_members_team ON team_members (team_id, removed_at)`.execute(db);
  // Single-use invites: the signed code carries the nonce, the row records its one use (or its revocation).
  await sql`CREATE TABLE team_invites (
    nonce TEXT PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_by TEXT,
    used_at TIMESTAMPTZ
  )`.execute(db);
  await sql`CREATE INDEX team_invites_team ON team_invites (team_id, created_at)`.execute(db);
  // A resident reached is credited once (unique resident), to the member and team whose ref brought them.
  await sql`CREATE TABLE credits (
    resident_id TEXT PRIMARY KEY REFERENCES learners (id),
    member_id TEXT REFERENCES learners (id),
    team_id BIGINT NOT NULL REFERENCES teams (id),
    ref_code TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    consent_text TEXT NOT NULL,
    consented_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX credits_team ON credits (team_id)`.execute(db);
  await sql`CREATE INDEX credits_member ON credits (member_id)`.execute(db);
  // Household visits: a label (no ID numbers, checked by the service), a date, what was helped with (JSON list).
  await sql`CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES learners (id),
    team_id BIGINT NOT NULL REFERENCES teams (id),
    household TEXT NOT NULL CHECK (char_length(household) BETWEEN 1 AND 120),
    visited_on TEXT NOT NULL CHECK (visited_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    kinds TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX visits_member ON visits (member_id, visited_on)`.execute(db);
  await sql`CREATE INDEX visits_team ON visits (team_id, visited_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE visits`.execute(db);
  await sql`DROP TABLE credits`.execute(db);
  await sql`DROP TABLE team_invites`.execute(db);
  await sql`DROP TABLE team_members`.execute(db);
  await sql`DROP TABLE teams`.execute(db);
}
