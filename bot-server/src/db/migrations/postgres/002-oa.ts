import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE webhook_inbox (
    id BIGSERIAL PRIMARY KEY,
    event_key TEXT NOT NULL UNIQUE,
    event_name TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    received_at TIMESTAMPTZ NOT NULL,
    processed_at TIMESTAMPTZ
  )`.execute(db);
  await sql`CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    queue TEXT NOT NULL,
    job_key TEXT UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
  )`.execute(db);
  await sql`CREATE INDEX jobs_ready ON jobs (queue, status, run_at)`.execute(db);
  await sql`CREATE INDEX jobs_leases ON jobs (queue, status, locked_until)`.execute(db);
  await sql`CREATE TABLE subscribers (
    user_id TEXT PRIMARY KEY,
    display_name TEXT,
    following INTEGER NOT NULL,
    followed_at TIMESTAMPTZ,
    unfollowed_at TIMESTAMPTZ,
    last_interaction_at TIMESTAMPTZ,
    consent_version TEXT,
    consent_text TEXT,
    consent_at TIMESTAMPTZ,
    province_code TEXT,
    commune_code TEXT,
    topics TEXT NOT NULL DEFAULT '[]',
    news_enabled INTEGER NOT NULL DEFAULT 0,
    dialogue TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX subscribers_commune ON subscribers (commune_code)`.execute(db);
  await sql`CREATE TABLE oa_messages (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    purpose TEXT NOT NULL,
    message TEXT NOT NULL,
    inbox_id BIGINT,
    seq INTEGER NOT NULL DEFAULT 0,
    zalo_message_id TEXT UNIQUE,
    status TEXT NOT NULL,
    error_code INTEGER,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    UNIQUE (inbox_id, seq)
  )`.execute(db);
  await sql`CREATE INDEX oa_messages_user ON oa_messages (user_id, created_at)`.execute(db);
  // Receipts can arrive before the send call returns with the message id: they are kept on their own.
  await sql`CREATE TABLE message_receipts (
    zalo_message_id TEXT NOT NULL,
    event TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (zalo_message_id, event)
  )`.execute(db);
  await sql`CREATE TABLE unanswered_questions (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    text TEXT NOT NULL,
    best_match TEXT,
    best_score DOUBLE PRECISION,
    created_at TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ
  )`.execute(db);
  await sql`CREATE TABLE oa_tokens (
    oa_id TEXT PRIMARY KEY,
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    access_expires_at TIMESTAMPTZ NOT NULL,
    refresh_expires_at TIMESTAMPTZ NOT NULL,
    source TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    last_error TEXT,
    last_error_at TIMESTAMPTZ
  )`.execute(db);
  await sql`CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE oauth_states (
    state TEXT PRIMARY KEY,
    code_verifier TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["oauth_states", "locks", "oa_tokens", "unanswered_questions", "message_receipts", "oa_messages", "subscribers", "jobs", "webhook_inbox"]) {
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
  }
}
