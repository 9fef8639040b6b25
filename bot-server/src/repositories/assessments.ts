import type { Insertable, Kysely, Selectable } from "kysely";
import type { AssessmentAttemptsTable, Database } from "../db/schema.js";

export type AssessmentAttemptRow = Selectable<AssessmentAttemptsTable>;

export function assessmentRepository(db: Kysely<Database>) {
  return {
    /** false when an attempt of the learner at the skill is open already (begun at the same moment). */
    async add(row: Insertable<AssessmentAttemptsTable>): Promise<boolean> {
      const r = await db
        .insertInto("assessment_attempts")
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    find: (id: string) => db.selectFrom("assessment_attempts").selectAll().where("id", "=", id).executeTakeFirst(),
    /** A learner's attempts at a skill, newest first. */
    ofLearner: (learnerId: string, skill: string) =>
      db
        .selectFrom("assessment_attempts")
        .selectAll()
        .where("learner_id", "=", learnerId)
        .where("skill", "=", skill)
        .orderBy("started_at", "desc")
        .limit(100)
        .execute(),
    /** Skills a learner has passed the assessment of. */
    async passedSkills(learnerId: string): Promise<string[]> {
      const rows = await db.selectFrom("assessment_attempts").select("skill").distinct().where("learner_id", "=", learnerId).where("passed", "=", 1).execute();
      return rows.map((r) => r.skill);
    },
    /** Records the graded answers once; false when the attempt was submitted already. */
    async submit(id: string, r: { answers: string; correct: number; total: number; passed: boolean; at: string }): Promise<boolean> {
      const u = await db
        .updateTable("assessment_attempts")
        .set({ answers: r.answers, correct: r.correct, total: r.total, passed: r.passed ? 1 : 0, submitted_at: r.at })
        .where("id", "=", id)
        .where("submitted_at", "is", null)
        .executeTakeFirst();
      return Number(u.numUpdatedRows) > 0;
    },
  };
}
