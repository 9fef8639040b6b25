import type { Kysely, Migration } from "kysely";
import { defaultZero, notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

export const oaMigration = ({ timestamp, idRef, double, countedId }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await countedId(db.schema.createTable("webhook_inbox"))
      .addColumn("event_key", "text", (c) => c.notNull().unique())
      .addColumn("event_name", "text", notNull)
      .addColumn("payload", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("attempts", "integer", defaultZero)
      .addColumn("last_error", "text")
      .addColumn("received_at", timestamp, notNull)
      .addColumn("processed_at", timestamp)
      .execute();
    await countedId(db.schema.createTable("jobs"))
      .addColumn("queue", "text", notNull)
      .addColumn("job_key", "text", (c) => c.unique())
      .addColumn("payload", "text", notNull)
      .addColumn("status", "text", notNull)
      .addColumn("attempts", "integer", defaultZero)
      .addColumn("max_attempts", "integer", notNull)
      .addColumn("run_at", timestamp, notNull)
      .addColumn("locked_until", timestamp)
      .addColumn("last_error", "text")
      .addColumn("created_at", timestamp, notNull)
      .addColumn("finished_at", timestamp)
      .execute();
    await db.schema.createIndex("jobs_ready").on("jobs").columns(["queue", "status", "run_at"]).execute();
    await db.schema.createIndex("jobs_leases").on("jobs").columns(["queue", "status", "locked_until"]).execute();
    await textKey(db.schema.createTable("subscribers"), "user_id")
      .addColumn("display_name", "text")
      .addColumn("following", "integer", notNull)
      .addColumn("followed_at", timestamp)
      .addColumn("unfollowed_at", timestamp)
      .addColumn("last_interaction_at", timestamp)
      .addColumn("consent_version", "text")
      .addColumn("consent_text", "text")
      .addColumn("consent_at", timestamp)
      .addColumn("province_code", "text")
      .addColumn("commune_code", "text")
      .addColumn("topics", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("news_enabled", "integer", defaultZero)
      .addColumn("dialogue", "text")
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_at", timestamp, notNull)
      .execute();
    await db.schema.createIndex("subscribers_commune").on("subscribers").column("commune_code").execute();
    await countedId(db.schema.createTable("oa_messages"))
      .addColumn("user_id", "text", notNull)
      .addColumn("kind", "text", notNull)
      .addColumn("purpose", "text", notNull)
      .addColumn("message", "text", notNull)
      .addColumn("inbox_id", idRef)
      .addColumn("seq", "integer", defaultZero)
      .addColumn("zalo_message_id", "text", (c) => c.unique())
      .addColumn("status", "text", notNull)
      .addColumn("error_code", "integer")
      .addColumn("created_at", timestamp, notNull)
      .addColumn("sent_at", timestamp)
      .addUniqueConstraint("oa_messages_inbox_id_seq_key", ["inbox_id", "seq"])
      .execute();
    await db.schema.createIndex("oa_messages_user").on("oa_messages").columns(["user_id", "created_at"]).execute();
    // Receipts can arrive before the send call returns with the message id: they are kept on their own.
    await db.schema
      .createTable("message_receipts")
      .addColumn("zalo_message_id", "text", notNull)
      .addColumn("event", "text", notNull)
      .addColumn("at", timestamp, notNull)
      .addPrimaryKeyConstraint("message_receipts_pkey", ["zalo_message_id", "event"])
      .execute();
    await countedId(db.schema.createTable("unanswered_questions"))
      .addColumn("user_id", "text", notNull)
      .addColumn("text", "text", notNull)
      .addColumn("best_match", "text")
      .addColumn("best_score", double)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("resolved_at", timestamp)
      .execute();
    await textKey(db.schema.createTable("oa_tokens"), "oa_id")
      .addColumn("access_token", "text", notNull)
      .addColumn("refresh_token", "text", notNull)
      .addColumn("access_expires_at", timestamp, notNull)
      .addColumn("refresh_expires_at", timestamp, notNull)
      .addColumn("source", "text", notNull)
      .addColumn("updated_at", timestamp, notNull)
      .addColumn("last_error", "text")
      .addColumn("last_error_at", timestamp)
      .execute();
    await textKey(db.schema.createTable("locks"), "name").addColumn("holder", "text", notNull).addColumn("expires_at", timestamp, notNull).execute();
    await textKey(db.schema.createTable("oauth_states"), "state")
      .addColumn("code_verifier", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ["oauth_states", "locks", "oa_tokens", "unanswered_questions", "message_receipts", "oa_messages", "subscribers", "jobs", "webhook_inbox"]) {
      await db.schema.dropTable(t).execute();
    }
  },
});
