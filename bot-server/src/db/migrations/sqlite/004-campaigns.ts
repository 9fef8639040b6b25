import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A campaign is news an official sends to the followers of an area; its content is JSON validated by
  // shared/schemas/campaign.ts, its target an area code (province or commune), optional communes inside it, topics.
  await sql`CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    area_code TEXT NOT NULL,
    communes TEXT NOT NULL DEFAULT '[]',
    topics TEXT NOT NULL DEFAULT '[]',
    allow_paid INTEGER NOT NULL DEFAULT 0,
    budget_vnd INTEGER NOT NULL DEFAULT 0,
    use_promotion INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX campaigns_area ON campaigns (area_code, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE campaigns`.execute(db);
}
