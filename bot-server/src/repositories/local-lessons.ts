import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Database, LocalImagesTable, LocalLessonsTable, LocalLessonVersionsTable } from "../db/schema.js";

export type LocalLessonRow = Selectable<LocalLessonsTable>;
export type LocalLessonVersionRow = Selectable<LocalLessonVersionsTable>;

export function localLessonRepository(db: Kysely<Database>) {
  return {
    async add(lesson: Insertable<LocalLessonsTable>, version: Insertable<LocalLessonVersionsTable>): Promise<void> {
      await db.insertInto("local_lessons").values(lesson).execute();
      await db.insertInto("local_lesson_versions").values(version).execute();
    },
    findById: (id: string) => db.selectFrom("local_lessons").selectAll().where("id", "=", id).executeTakeFirst(),
    version: (id: string, version: number) =>
      db.selectFrom("local_lesson_versions").selectAll().where("lesson_id", "=", id).where("version", "=", version).executeTakeFirst(),
    /**
     * Changes a lesson whose latest version is still `version` and whose state is one of `from`: false when another
     * official changed it meanwhile.
     */
    async change(id: string, version: number, from: LocalLessonRow["status"][], set: Updateable<LocalLessonsTable>): Promise<boolean> {
      const r = await db
        .updateTable("local_lessons")
        .set(set)
        .where("id", "=", id)
        .where("latest_version", "=", version)
        .where("status", "in", from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    addVersion: async (row: Insertable<LocalLessonVersionsTable>) => {
      await db.insertInto("local_lesson_versions").values(row).execute();
    },
    /** Records who approved a version, once: an approved version is never changed. */
    async approveVersion(id: string, version: number, by: string, at: string): Promise<void> {
      await db
        .updateTable("local_lesson_versions")
        .set({ approved_by: by, approved_at: at })
        .where("lesson_id", "=", id)
        .where("version", "=", version)
        .where("approved_at", "is", null)
        .execute();
    },
    /** Whether residents could ever see a version of the lesson. */
    async everApproved(id: string): Promise<boolean> {
      const r = await db
        .selectFrom("local_lesson_versions")
        .select("version")
        .where("lesson_id", "=", id)
        .where("approved_at", "is not", null)
        .limit(1)
        .executeTakeFirst();
      return !!r;
    },
    /** For officials: the lessons of these areas (null: all), newest change first. */
    list(areaCodes: string[] | null, limit: number) {
      let q = db.selectFrom("local_lessons").selectAll();
      if (areaCodes) q = q.where("area_code", "in", areaCodes.length ? areaCodes : ["\u0000"]);
      return q.orderBy("updated_at", "desc").orderBy("id").limit(limit).execute();
    },
    /** What residents of a commune see: the published versions of its lessons and of its province's, oldest first. */
    published: (communeCode: string, provinceCode: string) =>
      db
        .selectFrom("local_lessons as l")
        .innerJoin("local_lesson_versions as v", (j) => j.onRef("v.lesson_id", "=", "l.id").onRef("v.version", "=", "l.published_version"))
        .select(["l.id", "l.area_code", "v.version", "v.content", "v.approved_at"])
        .where("l.area_code", "in", [communeCode, provinceCode])
        .where("l.status", "!=", "withdrawn")
        .where("l.published_version", "is not", null)
        .orderBy("l.created_at")
        .orderBy("l.id")
        .limit(50)
        .execute(),
  };
}

/** Photos of local lessons, by id (the hash of the stored file). */
export function localImageRepository(db: Kysely<Database>) {
  return {
    /** Stores a photo; the same file stored before stays as it was. */
    async put(row: Insertable<LocalImagesTable>): Promise<void> {
      await db
        .insertInto("local_images")
        .values(row)
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    },
    /** The photo's type and, when the database holds it, its bytes (null: in the bucket). */
    async file(id: string): Promise<{ data: Buffer | null; mime: string } | undefined> {
      const r = await db.selectFrom("local_images").select(["data", "mime"]).where("id", "=", id).executeTakeFirst();
      return r ? { data: r.data ? Buffer.from(r.data as Uint8Array) : null, mime: r.mime } : undefined;
    },
    /** Which of these ids are stored. */
    async known(ids: string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const rows = await db.selectFrom("local_images").select("id").where("id", "in", ids).execute();
      return new Set(rows.map((r) => r.id));
    },
  };
}
