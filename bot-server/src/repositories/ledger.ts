import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Database, LedgerOutcomesTable, LedgerPeopleTable } from "../db/schema.js";

export type LedgerPersonRow = Selectable<LedgerPeopleTable>;
export type LedgerOutcomeRow = Selectable<LedgerOutcomesTable>;

/** A person's counting flags from their outcome rows. */
const flags = (digitalKinds: string[]) => {
  const digital = digitalKinds.length ? sql.join(digitalKinds) : sql`NULL`;
  return sql`has_outcomes = CASE WHEN EXISTS (SELECT 1 FROM ledger_outcomes lo WHERE lo.person_id = ledger_people.id) THEN 1 ELSE 0 END,
    digital = CASE WHEN EXISTS (SELECT 1 FROM ledger_outcomes lo WHERE lo.person_id = ledger_people.id AND lo.outcome IN (${digital})) THEN 1 ELSE 0 END`;
};

export function ledgerRepository(db: Kysely<Database>) {
  return {
    /** false when the id (a retried request) or the learner is there already. */
    async addPerson(row: Insertable<LedgerPeopleTable>): Promise<boolean> {
      const r = await db
        .insertInto("ledger_people")
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    person: (id: string) => db.selectFrom("ledger_people").selectAll().where("id", "=", id).executeTakeFirst(),
    ofLearner: (learnerId: string) => db.selectFrom("ledger_people").selectAll().where("learner_id", "=", learnerId).executeTakeFirst(),
    /** A team's residents, newest first (merged rows left out). */
    ofTeam: (teamId: number, limit: number) =>
      db
        .selectFrom("ledger_people")
        .selectAll()
        .where("team_id", "=", teamId)
        .where("merged_into", "is", null)
        .orderBy("created_at", "desc")
        .limit(limit)
        .execute(),
    outcomesOf: (personIds: string[]) =>
      personIds.length
        ? db.selectFrom("ledger_outcomes").selectAll().where("person_id", "in", personIds).orderBy("achieved_on").execute()
        : Promise.resolve([]),
    /** Each outcome once per person: a second record keeps the first. Returns the outcomes newly recorded. */
    async addOutcomes(rows: Insertable<LedgerOutcomesTable>[]): Promise<string[]> {
      const added: string[] = [];
      for (const row of rows) {
        const r = await db
          .insertInto("ledger_outcomes")
          .values(row)
          .onConflict((oc) => oc.columns(["person_id", "outcome"]).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) added.push(row.outcome);
      }
      return added;
    },
    async removeOutcome(personId: string, outcome: string): Promise<void> {
      await db.deleteFrom("ledger_outcomes").where("person_id", "=", personId).where("outcome", "=", outcome).execute();
    },
    /** A household member asked to be taken out: their name and household go; what they did stays counted. */
    async blankPerson(personId: string, text: string): Promise<boolean> {
      const r = await db
        .updateTable("ledger_people")
        .set({ name: text, household: text })
        .where("id", "=", personId)
        .where("learner_id", "is", null)
        .where("name", "!=", text)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Gives a household member's row their own account, when the account has no row yet. */
    async attachLearner(personId: string, learnerId: string): Promise<boolean> {
      const r = await db
        .updateTable("ledger_people")
        .set({ learner_id: learnerId })
        .where("id", "=", personId)
        .where("learner_id", "is", null)
        // Not when the account has a row of its own already (then the two are merged instead).
        .where((eb) => eb.not(eb.exists(eb.selectFrom("ledger_people as other").select("other.id").where("other.learner_id", "=", learnerId))))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Moves a household member's outcomes to their account's row (the earlier date kept) and marks the old row merged. */
    async mergeInto(fromId: string, intoId: string): Promise<void> {
      const target = await db.selectFrom("ledger_people").select(["commune_code", "team_id"]).where("id", "=", intoId).executeTakeFirstOrThrow();
      const from = await db.selectFrom("ledger_outcomes").selectAll().where("person_id", "=", fromId).execute();
      const into = new Map((await db.selectFrom("ledger_outcomes").selectAll().where("person_id", "=", intoId).execute()).map((o) => [o.outcome, o]));
      for (const o of from) {
        const there = into.get(o.outcome);
        if (!there)
          await db
            .insertInto("ledger_outcomes")
            .values({ ...o, person_id: intoId, commune_code: target.commune_code, team_id: target.team_id })
            .execute();
        else if (o.achieved_on < there.achieved_on)
          await db
            .updateTable("ledger_outcomes")
            .set({ achieved_on: o.achieved_on })
            .where("person_id", "=", intoId)
            .where("outcome", "=", o.outcome)
            .execute();
      }
      await db.deleteFrom("ledger_outcomes").where("person_id", "=", fromId).execute();
      // The caller refreshes the target's flags; the merged row counts no more.
      await db.updateTable("ledger_people").set({ merged_into: intoId, has_outcomes: 0, digital: 0 }).where("id", "=", fromId).execute();
    },
    /**
     * The learner is now credited to a team and learns (or their row was just made or joined): their outcomes say
     * so, for the reports to count them once. Changes nothing for someone without a ledger row.
     */
    async markLearning(learnerId: string, teamId: number, communeCode: string): Promise<void> {
      await db
        .updateTable("ledger_people")
        .set({ learning_team_id: teamId, learning_commune: communeCode })
        .where("learner_id", "=", learnerId)
        .where("learning_team_id", "is", null)
        .execute();
    },
    /** The person's counting flags after their outcomes changed: any outcome; any that makes a new digital user. */
    async refreshFlags(personId: string, digitalKinds: string[]): Promise<void> {
      // One statement reading the rows as they are when it runs: two writers at once cannot leave a stale flag.
      await sql`UPDATE ledger_people SET ${flags(digitalKinds)} WHERE id = ${personId}`.execute(db);
    },
    /** Every person's flags counted again from their outcomes, credits and lesson completions (with the report rollups' rebuild). */
    async recount(digitalKinds: string[]): Promise<void> {
      await sql`UPDATE ledger_people SET ${flags(digitalKinds)}`.execute(db);
      await sql`UPDATE ledger_people SET learning_team_id = NULL, learning_commune = NULL WHERE learning_team_id IS NOT NULL`.execute(db);
      await sql`UPDATE ledger_people SET learning_team_id = x.team_id, learning_commune = x.commune_code
        FROM (SELECT c.resident_id, c.team_id, t.commune_code FROM credits c JOIN teams t ON t.id = c.team_id
          WHERE EXISTS (SELECT 1 FROM lesson_completions lc WHERE lc.learner_id = c.resident_id)) x
        WHERE ledger_people.learner_id = x.resident_id`.execute(db);
    },
    adultsOf: (communes: string[]) =>
      communes.length ? db.selectFrom("commune_population").selectAll().where("commune_code", "in", communes).execute() : Promise.resolve([]),
    async setAdults(communeCode: string, adults: number | null, by: string, at: string): Promise<void> {
      if (adults === null) {
        await db.deleteFrom("commune_population").where("commune_code", "=", communeCode).execute();
        return;
      }
      await db
        .insertInto("commune_population")
        .values({ commune_code: communeCode, adults, updated_by: by, updated_at: at })
        .onConflict((oc) => oc.column("commune_code").doUpdateSet({ adults, updated_by: by, updated_at: at }))
        .execute();
    },
  };
}
