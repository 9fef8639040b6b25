import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Database, UnansweredQuestionsTable } from "../db/schema.js";

export type QuestionRow = Selectable<UnansweredQuestionsTable>;
type AnswerState = NonNullable<UnansweredQuestionsTable["answer_state"]>;

/** Area codes as a filter: null for all, an empty list for none. */
const inAreas = (codes: string[]) => (codes.length ? codes : ["\u0000"]);

export function unansweredRepository(db: Kysely<Database>) {
  /**
   * Questions with the commune they belong to: the one the person had chosen when they asked, else the one they
   * chose since (someone who asks first and chooses a commune after is still that commune's to answer).
   */
  const questions = () =>
    db
      .selectFrom("unanswered_questions as u")
      .leftJoin("subscribers as s", "s.user_id", "u.user_id")
      .select([
        "u.id",
        "u.user_id",
        "u.text",
        "u.best_match",
        "u.best_score",
        "u.created_at",
        "u.resolved_at",
        "u.answer_text",
        "u.answered_by",
        "u.answered_area",
        "u.answered_at",
        "u.answer_state",
        "u.answer_message_id",
        "u.answer_delivered_at",
        "u.faq_entry_id",
      ])
      .select(sql<string | null>`coalesce(u.commune_code, s.commune_code)`.as("commune_code"));
  const communeOf = sql<string | null>`coalesce(u.commune_code, s.commune_code)`;
  return {
    async add(row: Insertable<UnansweredQuestionsTable>): Promise<void> {
      await db.insertInto("unanswered_questions").values(row).execute();
    },
    findById: (id: number): Promise<QuestionRow | undefined> => questions().where("u.id", "=", id).executeTakeFirst(),
    /**
     * Newest first; open ones (no answer yet) or answered ones; with area codes, only those asked in one of those
     * communes.
     */
    list(communeCodes: string[] | null, which: "open" | "answered", limit: number): Promise<QuestionRow[]> {
      let q = questions().where("u.resolved_at", which === "open" ? "is" : "is not", null);
      if (which === "answered") q = q.where("u.answered_at", "is not", null);
      if (communeCodes) q = q.where(communeOf, "in", inAreas(communeCodes));
      return q
        .orderBy(which === "open" ? "u.created_at" : "u.answered_at", "desc")
        .orderBy("u.id", "desc")
        .limit(limit)
        .execute();
    },
    /** Records an answer to a question still open; false when someone answered (or it was closed) first. */
    async answer(id: number, set: Updateable<UnansweredQuestionsTable>): Promise<boolean> {
      const r = await db.updateTable("unanswered_questions").set(set).where("id", "=", id).where("resolved_at", "is", null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Moves an answer from one delivery state to another; false when it was not in `from` (taken by someone else). */
    async moveAnswer(id: number, from: AnswerState[], to: AnswerState, set: { answer_message_id?: string | null; answer_delivered_at?: string | null } = {}) {
      const r = await db
        .updateTable("unanswered_questions")
        .set({ answer_state: to, ...set })
        .where("id", "=", id)
        .where("answer_state", "in", from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Answers waiting for the person to write again (or to read them in Tin mới), oldest first. */
    heldFor: (userId: string, limit: number) =>
      db
        .selectFrom("unanswered_questions")
        .selectAll()
        .where("user_id", "=", userId)
        .where("answer_state", "=", "held")
        .orderBy("answered_at")
        .orderBy("id")
        .limit(limit)
        .execute(),
    /** The person's answered questions for Tin mới (held or read there, or sent through the OA), newest first. */
    answeredFor: (userId: string, limit: number) =>
      db
        .selectFrom("unanswered_questions")
        .selectAll()
        .where("user_id", "=", userId)
        .where("answer_state", "in", ["held", "read", "sent"])
        .orderBy("answered_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute(),
    async linkFaq(id: number, entryId: string): Promise<void> {
      await db.updateTable("unanswered_questions").set({ faq_entry_id: entryId }).where("id", "=", id).execute();
    },
    /** For the officials' statistics: questions still open, and when each answered one was asked and answered. */
    async counts(communeCodes: string[] | null) {
      const base = () => db.selectFrom("unanswered_questions as u").leftJoin("subscribers as s", "s.user_id", "u.user_id");
      let open = base()
        .select(sql<number>`count(*)`.as("n"))
        .where("u.resolved_at", "is", null);
      let answered = base().select(["u.created_at", "u.answered_at"]).where("u.answered_at", "is not", null);
      if (communeCodes) {
        open = open.where(communeOf, "in", inAreas(communeCodes));
        answered = answered.where(communeOf, "in", inAreas(communeCodes));
      }
      const [o, a] = await Promise.all([open.executeTakeFirstOrThrow(), answered.execute()]);
      return { open: Number(o.n), answered: a as { created_at: string; answered_at: string }[] };
    },
    /** One more question the chatbot was asked (and, when it answered, one more it answered) on a day in a commune. */
    async countAsked(day: string, communeCode: string, botAnswered: boolean): Promise<void> {
      const add = botAnswered ? 1 : 0;
      await db
        .insertInto("question_stats")
        .values({ day, commune_code: communeCode, asked: 1, bot_answered: add })
        .onConflict((oc) =>
          oc.columns(["day", "commune_code"]).doUpdateSet({ asked: sql`question_stats.asked + 1`, bot_answered: sql`question_stats.bot_answered + ${add}` }),
        )
        .execute();
    },
    async askedTotals(communeCodes: string[] | null) {
      let q = db.selectFrom("question_stats").select([sql<number>`coalesce(sum(asked), 0)`.as("asked"), sql<number>`coalesce(sum(bot_answered), 0)`.as("bot")]);
      if (communeCodes) q = q.where("commune_code", "in", inAreas(communeCodes));
      const r = await q.executeTakeFirstOrThrow();
      return { asked: Number(r.asked), botAnswered: Number(r.bot) };
    },
  };
}

export type UnansweredRepository = ReturnType<typeof unansweredRepository>;
