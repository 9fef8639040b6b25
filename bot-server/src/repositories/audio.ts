import type { Insertable, Kysely } from "kysely";
import type { AudioClipsTable, Database, StepRecordingsTable } from "../db/schema.js";

export type AudioFormat = "ogg" | "mp3";

/** The sound of texts, by key (services/audio/synthesize.ts voiceKey). */
export function audioRepository(db: Kysely<Database>) {
  return {
    /** One encoding of a clip, or undefined. */
    async file(key: string, format: AudioFormat): Promise<{ data: Buffer; seconds: number } | undefined> {
      const row = await db.selectFrom("audio_clips").select([format, "seconds"]).where("key", "=", key).executeTakeFirst();
      return row ? { data: Buffer.from(row[format] as Uint8Array), seconds: Number(row.seconds) } : undefined;
    },
    /** Which of these keys have a clip, with its duration, size and origin. */
    async known(keys: string[]) {
      if (!keys.length) return new Map<string, { seconds: number; bytes: number; machine: boolean }>();
      const rows = await db.selectFrom("audio_clips").select(["key", "seconds", "machine", "ogg_bytes"]).where("key", "in", keys).execute();
      return new Map(rows.map((r) => [r.key, { seconds: Number(r.seconds), bytes: Number(r.ogg_bytes), machine: Number(r.machine) === 1 }]));
    },
    /** A lesson's recordings by step. */
    recordingsOf: (lessonId: string) => db.selectFrom("step_recordings").selectAll().where("lesson_id", "=", lessonId).execute(),
    recording: (lessonId: string, step: number) =>
      db.selectFrom("step_recordings").selectAll().where("lesson_id", "=", lessonId).where("step", "=", step).executeTakeFirst(),
    /** A step's recording, replacing the one before. */
    async setRecording(row: Insertable<StepRecordingsTable>): Promise<void> {
      await db
        .insertInto("step_recordings")
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(["lesson_id", "step"])
            .doUpdateSet({ text_key: row.text_key, audio_key: row.audio_key, recorded_by: row.recorded_by, created_at: row.created_at }),
        )
        .execute();
    },
    async removeRecording(lessonId: string, step: number): Promise<boolean> {
      const r = await db.deleteFrom("step_recordings").where("lesson_id", "=", lessonId).where("step", "=", step).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Stores a clip; one already stored under the key (the same text) stays. */
    async put(row: Omit<Insertable<AudioClipsTable>, "ogg_bytes">): Promise<void> {
      await db
        .insertInto("audio_clips")
        .values({ ...row, ogg_bytes: row.ogg.length })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
    },
  };
}

export type AudioRepository = ReturnType<typeof audioRepository>;
