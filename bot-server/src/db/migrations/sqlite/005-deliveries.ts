import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE campaigns ADD COLUMN sent_by TEXT`.execute(db);
  await sql`ALTER TABLE campaigns ADD COLUMN sent_at TEXT`.execute(db);
  await sql`ALTER TABLE campaigns ADD COLUMN scheduled_at TEXT`.execute(db);
  await sql`ALTER TABLE campaigns ADD COLUMN approved_by TEXT`.execute(db);
  await sql`ALTER TABLE campaigns ADD COLUMN approved_at TEXT`.execute(db);
  // One row per (campaign, follower): the unique key that keeps anyone from getting a campaign twice.
  // kind: how it goes (cs free or billed, promotion, or inbox); state: planned → sending → sent / held / failed,
  // or cancelled. Held items are the person's inbox ("Tin mới").
  await sql`CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    zalo_message_id TEXT,
    error_code INTEGER,
    cost_vnd INTEGER NOT NULL DEFAULT 0,
    in_flight_at_crash INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (campaign_id, user_id)
  )`.execute(db);
  await sql`CREATE INDEX deliveries_state ON deliveries (campaign_id, state)`.execute(db);
  await sql`CREATE INDEX deliveries_user ON deliveries (user_id, state)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE deliveries`.execute(db);
}
