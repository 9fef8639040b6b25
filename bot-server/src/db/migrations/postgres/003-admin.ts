import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A role is bound to an administrative unit: a province code for province officials, a commune code for
  // commune officials, none for the operator. The person is known by their Zalo user id (they may not have
  // opened the mini app yet).
  await sql`CREATE TABLE roles (
    zalo_user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    area_code TEXT NOT NULL DEFAULT '',
    granted_by TEXT NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (zalo_user_id, role, area_code)
  )`.execute(db);
  await sql`CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    area_code TEXT NOT NULL DEFAULT '',
    before_state TEXT,
    after_state TEXT,
    at TIMESTAMPTZ NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (at)`.execute(db);
  // Append-only: the database itself refuses to change or remove an entry.
  await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
  await sql`DROP FUNCTION audit_log_append_only()`.execute(db);
  await sql`DROP TABLE roles`.execute(db);
}
