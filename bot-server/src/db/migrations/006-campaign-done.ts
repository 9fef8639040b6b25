import { sql, type Kysely, type Migration } from "kysely";
import type { DialectHelpers } from "./dialect-helpers.js";

export const campaignDoneMigration = ({ timestamp }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    // Set when the planning job has written every delivery row of a campaign. Until then a campaign whose rows so
    // far are all settled is not done: more pages of the audience may still come. status stays a free TEXT (no
    // CHECK constraint), so "done" needs no change there.
    await db.schema.alterTable("campaigns").addColumn("planned_at", timestamp).execute();
    // Campaigns already sending with delivery rows were planned by the version before this one (one whose planning
    // job has not run yet has none, and is left to it): those with nothing left to send are done.
    await sql`UPDATE campaigns SET planned_at = updated_at
      WHERE status = 'sending' AND EXISTS (SELECT 1 FROM deliveries d WHERE d.campaign_id = campaigns.id)`.execute(db);
    await sql`UPDATE campaigns SET status = 'done'
      WHERE status = 'sending' AND planned_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.campaign_id = campaigns.id AND d.state IN ('planned', 'sending'))`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`UPDATE campaigns SET status = 'sending' WHERE status = 'done'`.execute(db);
    await db.schema.alterTable("campaigns").dropColumn("planned_at").execute();
  },
});
