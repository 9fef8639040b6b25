import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { jsonOrText } from "./json-column.js";

/** Zalo user ids of erased people start with this: the row stays (reports count it), the person is gone. */
export const ERASED_PREFIX = "erased:";
/** What replaces free text that a person wrote or that names them. */
export const ERASED_TEXT = "(đã xoá)";

/**
 * Reads and rewrites of one person's data across tables, for the export and the erasure (Luật 91/2025/QH15).
 * One method per query; the use cases in services/me decide what to read and what to blank.
 */
export function personalDataRepository(db: Kysely<Database>) {
  return {
    completionsOf(learnerId: string) {
      return db
        .selectFrom("lesson_completions")
        .select(["lesson_id", "completed_at", "received_at"])
        .where("learner_id", "=", learnerId)
        .orderBy("completed_at")
        .execute();
    },
    async attemptsOf(learnerId: string) {
      const rows = await db
        .selectFrom("quiz_attempts")
        .select(["lesson_id", "correct", "total", "score_pct", "passed", "answers", "answered_at", "received_at"])
        .where("learner_id", "=", learnerId)
        .orderBy("answered_at")
        .execute();
      return rows.map((a) => ({ ...a, passed: Number(a.passed) === 1, answers: jsonOrText(a.answers) }));
    },
    assessmentAttemptsOf: (learnerId: string) =>
      db.selectFrom("assessment_attempts").selectAll().where("learner_id", "=", learnerId).orderBy("started_at").execute(),
    handsOnOf: (learnerId: string) => db.selectFrom("hands_on_confirmations").selectAll().where("learner_id", "=", learnerId).orderBy("confirmed_at").execute(),
    /** A person who erased their data holds no certificate any more: the name goes, and the page says revoked, with why. */
    async revokeCertificatesOf(learnerId: string, now: string): Promise<void> {
      await db.updateTable("certificates").set({ name: ERASED_TEXT }).where("learner_id", "=", learnerId).execute();
      // One revoked by an official keeps its reason on the public page.
      await db
        .updateTable("certificates")
        .set({ revoked_at: now, revoked_by: "self", revoke_reason: "Người nhận đã xoá dữ liệu của mình." })
        .where("learner_id", "=", learnerId)
        .where("revoked_at", "is", null)
        .execute();
      // A household row joined to the account named the person: the name goes, the counts stay.
      await db.updateTable("ledger_people").set({ name: null, household: null }).where("learner_id", "=", learnerId).execute();
      await db.deleteFrom("hands_on_codes").where("learner_id", "=", learnerId).execute();
    },
    /** Every membership, past and present, with the team's name and commune (not its other members). */
    membershipsOf(learnerId: string) {
      return db
        .selectFrom("team_members as m")
        .innerJoin("teams as t", "t.id", "m.team_id")
        .select(["m.team_id", "t.name as team_name", "t.commune_code", "m.role", "m.ref_code", "m.joined_at", "m.removed_at"])
        .where("m.learner_id", "=", learnerId)
        .orderBy("m.id")
        .execute();
    },
    creditOf(residentId: string) {
      return db
        .selectFrom("credits as c")
        .innerJoin("teams as t", "t.id", "c.team_id")
        .select(["t.name as team_name", "c.ref_code", "c.member_id", "c.consent_version", "c.consent_text", "c.consented_at"])
        .where("c.resident_id", "=", residentId)
        .executeTakeFirst();
    },
    async visitsBy(memberId: string) {
      const rows = await db
        .selectFrom("visits as v")
        .innerJoin("teams as t", "t.id", "v.team_id")
        .select(["v.id", "t.name as team_name", "v.household", "v.visited_on", "v.kinds", "v.created_at"])
        .where("v.member_id", "=", memberId)
        .orderBy("v.visited_on")
        .orderBy("v.created_at")
        .execute();
      return rows.map((v) => ({ ...v, kinds: jsonOrText(v.kinds) }));
    },
    async oaMessagesTo(userId: string) {
      const rows = await db
        .selectFrom("oa_messages")
        .select(["kind", "purpose", "message", "status", "created_at", "sent_at"])
        .where("user_id", "=", userId)
        .orderBy("id")
        .execute();
      return rows.map((m) => ({ ...m, message: jsonOrText(m.message) }));
    },
    deliveriesTo(userId: string) {
      return db
        .selectFrom("deliveries as d")
        .leftJoin("campaigns as c", "c.id", "d.campaign_id")
        .select(["d.campaign_id", "c.title", "d.kind", "d.state", "d.created_at", "d.updated_at"])
        .where("d.user_id", "=", userId)
        .orderBy("d.id")
        .execute();
    },
    questionsOf(userId: string) {
      return db
        .selectFrom("unanswered_questions")
        .select(["text", "created_at", "resolved_at", "answer_text", "answered_at"])
        .where("user_id", "=", userId)
        .orderBy("id")
        .execute();
    },
    /** Webhook events whose payload mentions the id (the caller checks the sender/follower field). */
    async inboxEventsMentioning(userId: string) {
      const rows = await db
        .selectFrom("webhook_inbox")
        .select(["id", "event_name", "payload", "received_at"])
        .where("payload", "like", `%"${userId}"%`)
        .orderBy("id")
        .execute();
      return rows.map((e) => ({ ...e, payload: jsonOrText(e.payload) }));
    },
    /** Audit entries the person made or that are about them (by Zalo id or learner id). */
    auditAbout(zaloUserId: string, learnerId: string) {
      return db
        .selectFrom("audit_log")
        .select(["actor", "action", "target", "area_code", "at"])
        .where((eb) => eb.or([eb("actor", "=", zaloUserId), eb("target", "in", [zaloUserId, learnerId])]))
        .orderBy("id")
        .execute();
    },

    // Erasure: every write keeps the row (reports count rows), blanking what tells who the person is.

    /** Tombstones the learner; false when already erased (or gone), so a second erasure changes nothing. */
    async tombstoneLearner(learnerId: string, tombstone: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable("learners")
        .set({ zalo_user_id: tombstone, name: ERASED_TEXT, id_by_oa: null, ref_code: null, updated_at: now })
        .where("id", "=", learnerId)
        .where("zalo_user_id", "not like", `${ERASED_PREFIX}%`)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async blankVisitHouseholds(memberId: string): Promise<number> {
      const r = await db.updateTable("visits").set({ household: ERASED_TEXT }).where("member_id", "=", memberId).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Ends the active membership and retires every personal ref code the person had (a poster no longer credits them). */
    async endMemberships(learnerId: string, tombstoneRef: (i: number) => string, now: string): Promise<number> {
      const rows = await db.selectFrom("team_members").select(["id", "removed_at"]).where("learner_id", "=", learnerId).orderBy("id").execute();
      let ended = 0;
      for (const [i, row] of rows.entries()) {
        await db
          .updateTable("team_members")
          .set({ ref_code: tombstoneRef(i), ...(row.removed_at === null ? { removed_at: now, removed_by: "self" } : {}) })
          .where("id", "=", row.id)
          .execute();
        if (row.removed_at === null) ended++;
      }
      return ended;
    },
    /** Blanks the follower row and moves it to the tombstone id: no campaign can find the person again. */
    async anonymiseSubscriber(userId: string, tombstone: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable("subscribers")
        .set({
          user_id: tombstone,
          display_name: null,
          consent_text: null,
          dialogue: null,
          topics: "[]",
          following: 0,
          news_enabled: 0,
          unfollowed_at: now,
          updated_at: now,
        })
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async anonymiseOaMessages(userId: string, tombstone: string): Promise<void> {
      await db.updateTable("oa_messages").set({ user_id: tombstone, message: "{}" }).where("user_id", "=", userId).execute();
      // Replies not sent yet never will be.
      await db.updateTable("oa_messages").set({ status: "failed" }).where("user_id", "=", tombstone).where("status", "=", "queued").execute();
    },
    /** The text goes; an open question is closed too (nobody is left to answer), with the time it was closed. */
    async anonymiseQuestions(userId: string, tombstone: string, now: string): Promise<void> {
      await db
        .updateTable("unanswered_questions")
        .set({ user_id: tombstone, text: ERASED_TEXT, resolved_at: sql<string>`coalesce(resolved_at, ${now})` })
        .where("user_id", "=", userId)
        .execute();
      // An official's answer still waiting for them never will reach anyone.
      await db
        .updateTable("unanswered_questions")
        .set({ answer_state: "cancelled" })
        .where("user_id", "=", tombstone)
        .where("answer_state", "=", "held")
        .execute();
    },
    /** Deliveries keep their state (campaign numbers stay true) but one not yet sent is cancelled. */
    async rekeyDeliveries(userId: string, tombstone: string, now: string): Promise<void> {
      await db.updateTable("deliveries").set({ state: "cancelled", updated_at: now }).where("user_id", "=", userId).where("state", "=", "planned").execute();
      await db.updateTable("deliveries").set({ user_id: tombstone }).where("user_id", "=", userId).execute();
    },
    async blankInboxEvent(id: number, eventName: string): Promise<void> {
      await db
        .updateTable("webhook_inbox")
        .set({ payload: JSON.stringify({ event_name: eventName, erased: true }) })
        .where("id", "=", id)
        .execute();
    },
    /**
     * The person's Zalo id (or learner id) where it names who did something, outside the append-only audit log:
     * replaced by their tombstone, so the record stays and the person is no longer in it.
     */
    async rekeyActorColumns(ids: string[], tombstone: string): Promise<void> {
      const columns = [
        ["roles", "granted_by"],
        ["campaigns", "created_by"],
        ["campaigns", "sent_by"],
        ["campaigns", "approved_by"],
        ["teams", "created_by"],
        ["team_members", "removed_by"],
        ["team_invites", "created_by"],
        ["team_invites", "used_by"],
        ["commune_points", "updated_by"],
        ["hands_on_confirmations", "member_id"],
        ["ledger_people", "recorded_by"],
        ["ledger_outcomes", "recorded_by"],
      ] as const;
      for (const [table, column] of columns) {
        // One statement per column: Kysely cannot type a table/column pair picked at run time.
        await (db as unknown as Kysely<Record<string, Record<string, string | null>>>)
          .updateTable(table)
          .set({ [column]: tombstone })
          .where(column, "in", ids)
          .execute();
      }
    },
    async deleteRolesOf(zaloUserId: string) {
      return db.deleteFrom("roles").where("zalo_user_id", "=", zaloUserId).returning(["role", "area_code"]).execute();
    },
  };
}

export type PersonalDataRepository = ReturnType<typeof personalDataRepository>;
