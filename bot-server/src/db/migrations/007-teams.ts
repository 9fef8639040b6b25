import { sql, type Kysely, type Migration } from "kysely";
import { notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

export const teamsMigration = ({ timestamp, idRef, charLength, countedId }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // A team (tổ công nghệ số cộng đồng) belongs to one commune of the 2025 units. Its ref code goes on posters.
    await countedId(db.schema.createTable("teams"))
      .addColumn("commune_code", "text", notNull)
      .addColumn("name", "text", notNull)
      .addColumn("ref_code", "text", (c) => c.notNull().unique())
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("teams_commune").on("teams").column("commune_code").execute();
    // One row per membership; a removed member keeps the row (removed_at set). A person is in at most one team
    // at a time, and a team has at most one leader: both are partial unique indexes over active rows.
    await countedId(db.schema.createTable("team_members"))
      .addColumn("team_id", idRef, (c) => c.notNull().references("teams.id"))
      .addColumn("learner_id", "text", (c) => c.notNull().references("learners.id"))
      .addColumn("role", "text", (c) => c.notNull().check(sql`role IN ('member', 'leader')`))
      .addColumn("ref_code", "text", (c) => c.notNull().unique())
      .addColumn("joined_at", timestamp, notNull)
      .addColumn("removed_at", timestamp)
      .addColumn("removed_by", "text")
      .execute();
    await db.schema.createIndex("team_members_one_team").on("team_members").column("learner_id").unique().where(sql.ref("removed_at"), "is", null).execute();
    await db.schema
      .createIndex("team_members_one_leader")
      .on("team_members")
      .column("team_id")
      .unique()
      .where(sql.ref("removed_at"), "is", null)
      .where(sql.ref("role"), "=", "leader")
      .execute();
    await db.schema.createIndex("team_members_team").on("team_members").columns(["team_id", "removed_at"]).execute();
    // Single-use invites: the signed code carries the nonce, the row records its one use (or its revocation).
    await textKey(db.schema.createTable("team_invites"), "nonce")
      .addColumn("team_id", idRef, (c) => c.notNull().references("teams.id"))
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("expires_at", timestamp, notNull)
      .addColumn("used_by", "text")
      .addColumn("used_at", timestamp)
      .execute();
    await db.schema.createIndex("team_invites_team").on("team_invites").columns(["team_id", "created_at"]).execute();
    // A resident reached is credited once (unique resident), to the member and team whose ref brought them.
    await db.schema
      .createTable("credits")
      .addColumn("resident_id", "text", (c) => c.primaryKey().references("learners.id"))
      .addColumn("member_id", "text", (c) => c.references("learners.id"))
      .addColumn("team_id", idRef, (c) => c.notNull().references("teams.id"))
      .addColumn("ref_code", "text", notNull)
      .addColumn("consent_version", "text", notNull)
      .addColumn("consent_text", "text", notNull)
      .addColumn("consented_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("credits_team").on("credits").column("team_id").execute();
    await db.schema.createIndex("credits_member").on("credits").column("member_id").execute();
    // Household visits: a label (no ID numbers, checked by the service), a date, what was helped with (JSON list).
    // The date's format is checked from migration 011 on.
    await textKey(db.schema.createTable("visits"), "id")
      .addColumn("member_id", "text", (c) => c.notNull().references("learners.id"))
      .addColumn("team_id", idRef, (c) => c.notNull().references("teams.id"))
      .addColumn("household", "text", (c) => c.notNull().check(sql`${charLength}(household) BETWEEN 1 AND 120`))
      .addColumn("visited_on", "text", notNull)
      .addColumn("kinds", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("visits_member").on("visits").columns(["member_id", "visited_on"]).execute();
    await db.schema.createIndex("visits_team").on("visits").columns(["team_id", "visited_on"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ["visits", "credits", "team_invites", "team_members", "teams"]) await db.schema.dropTable(t).execute();
  },
});
