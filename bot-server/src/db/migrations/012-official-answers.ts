import { sql, type Kysely, type Migration } from "kysely";
import { vietnamDate } from "../../../../shared/lib/vietnam-time.js";
import { addColumns, defaultZero, dropColumns, notNull, textKey, type DialectHelpers } from "./dialect-helpers.js";

/**
 * Step 7 — officials answer what the chatbot could not.
 * - unanswered_questions.commune_code: where the person said they live when they asked (the inbox and its
 *   statistics belong to that commune even if they move later); earlier rows take their current commune.
 * - unanswered_questions.answer_*: an official's answer, who answered (a person's id, kept for the audit) and in
 *   whose name (an area code: the resident sees the commune or province, never a person), and how it reached the
 *   resident: sent through the OA, held until they write again (or read it in Tin mới), read, or cancelled.
 * - area_faq_entries: Hỏi đáp entries an official made from a question and its answer, for the residents of their
 *   commune or province ('' once the operator promotes one to everyone); withdrawn ones stay for the record.
 * - question_stats: how many questions residents asked the chatbot each day per commune, and how many it answered
 *   itself: the questions it answered are not kept, only counted (from this version on; before it, only those it
 *   could not answer are known, and are counted as asked).
 */
export const officialAnswersMigration = ({ timestamp, idRef }: DialectHelpers): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await addColumns(db, "unanswered_questions", [
      ["commune_code", "text"],
      ["answer_text", "text"],
      ["answered_by", "text"],
      ["answered_area", "text"],
      ["answered_at", timestamp],
      ["answer_state", "text"],
      ["answer_message_id", "text"],
      ["answer_delivered_at", timestamp],
      ["faq_entry_id", "text"],
    ]);
    await sql`UPDATE unanswered_questions SET commune_code = (SELECT s.commune_code FROM subscribers s WHERE s.user_id = unanswered_questions.user_id)`.execute(
      db,
    );
    await db.schema.createIndex("unanswered_questions_commune").on("unanswered_questions").columns(["commune_code", "created_at"]).execute();
    await db.schema.createIndex("unanswered_questions_held").on("unanswered_questions").columns(["user_id", "answer_state"]).execute();
    await textKey(db.schema.createTable("area_faq_entries"), "id")
      .addColumn("area_code", "text", notNull)
      .addColumn("question", "text", notNull)
      .addColumn("variants", "text", notNull)
      .addColumn("answer", "text", notNull)
      .addColumn("lesson", "text")
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'withdrawn')`))
      .addColumn("source_question_id", idRef)
      .addColumn("created_by", "text", notNull)
      .addColumn("created_at", timestamp, notNull)
      .addColumn("updated_by", "text", notNull)
      .addColumn("updated_at", timestamp, notNull)
      .addColumn("promoted_from", "text")
      .execute();
    await db.schema.createIndex("area_faq_entries_area").on("area_faq_entries").columns(["area_code", "status"]).execute();
    await db.schema
      .createTable("question_stats")
      .addColumn("day", "text", notNull)
      .addColumn("commune_code", "text", notNull)
      .addColumn("asked", "integer", defaultZero)
      .addColumn("bot_answered", "integer", defaultZero)
      .addPrimaryKeyConstraint("question_stats_pkey", ["day", "commune_code"])
      .execute();
    // Questions asked before: those the bot could not answer are on record (those it answered were never kept).
    const asked = new Map<string, { day: string; commune_code: string; asked: number; bot_answered: number }>();
    const rows = await sql<{ created_at: string; commune_code: string | null }>`SELECT created_at, commune_code FROM unanswered_questions`.execute(db);
    for (const r of rows.rows) {
      const day = vietnamDate(new Date(r.created_at));
      const key = `${day}|${r.commune_code ?? ""}`;
      const row = asked.get(key) ?? { day, commune_code: r.commune_code ?? "", asked: 0, bot_answered: 0 };
      row.asked++;
      asked.set(key, row);
    }
    const tdb = db as Kysely<{ question_stats: { day: string; commune_code: string; asked: number; bot_answered: number } }>;
    const all = [...asked.values()];
    for (let i = 0; i < all.length; i += 500)
      await tdb
        .insertInto("question_stats")
        .values(all.slice(i, i + 500))
        .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("question_stats").execute();
    await db.schema.dropTable("area_faq_entries").execute();
    await db.schema.dropIndex("unanswered_questions_held").execute();
    await db.schema.dropIndex("unanswered_questions_commune").execute();
    await dropColumns(db, "unanswered_questions", [
      "commune_code",
      "answer_text",
      "answered_by",
      "answered_area",
      "answered_at",
      "answer_state",
      "answer_message_id",
      "answer_delivered_at",
      "faq_entry_id",
    ]);
  },
});
