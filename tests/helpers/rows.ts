import type { Kysely } from "kysely";
import type { Database } from "../../bot-server/src/db/schema.js";

/** How many rows a table has. */
export async function countOf(db: Kysely<Database>, table: keyof Database): Promise<number> {
  return Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Row counts of the learning tables. */
export async function countRows(db: Kysely<Database>): Promise<{ learners: number; attempts: number; completions: number }> {
  return { learners: await countOf(db, "learners"), attempts: await countOf(db, "quiz_attempts"), completions: await countOf(db, "lesson_completions") };
}

/** Every stored row, in a stable order: compare two snapshots to prove that nothing changed. */
export async function snapshot(db: Kysely<Database>) {
  return {
    learners: await db.selectFrom("learners").selectAll().orderBy("id").execute(),
    attempts: await db.selectFrom("quiz_attempts").selectAll().orderBy("id").execute(),
    completions: await db.selectFrom("lesson_completions").selectAll().orderBy("id").execute(),
  };
}

/** Empties the learning tables (children first). */
export async function clearTables(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom("quiz_attempts").execute();
  await db.deleteFrom("lesson_completions").execute();
  await db.deleteFrom("learners").execute();
}

/** Every role and audit entry, in a stable order: compare two snapshots to prove that a refusal changed nothing. */
export async function adminSnapshot(db: Kysely<Database>) {
  return {
    roles: await db.selectFrom("roles").selectAll().orderBy("zalo_user_id").orderBy("role").orderBy("area_code").execute(),
    audit: await db.selectFrom("audit_log").selectAll().orderBy("id").execute(),
  };
}
