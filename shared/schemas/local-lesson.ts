import { z } from "zod";
import { LOCAL_IMAGE_ID, LOCAL_LESSON_ID } from "../constants/local-lesson.js";
import { AREA_CODE } from "../constants/patterns.js";
import { lessonSchema, stepSchemaWith, teacherNotesSchema, type Lesson } from "./content.js";

/**
 * What an official writes for the local skill (dia-phuong): a lesson as the shipped ones are, but its id, skill and
 * order are the server's, its pictures are photos uploaded to the server, and its teacher notes are required.
 */
export const localLessonContentSchema = lessonSchema.omit({ id: true, skill: true, order: true }).extend({
  steps: z
    .array(stepSchemaWith(z.string().regex(LOCAL_IMAGE_ID, "an uploaded image's id")))
    .min(3)
    .max(8),
  teacherNotes: teacherNotesSchema,
});
export type LocalLessonContent = z.infer<typeof localLessonContentSchema>;

export const localLessonIdSchema = z.string().regex(LOCAL_LESSON_ID);

/** Writing is loose on purpose: the server names every problem in Vietnamese instead of refusing the shape. */
export const localLessonCreateSchema = z.strictObject({ areaCode: z.string().regex(AREA_CODE), content: z.unknown() });

export const localLessonChangeSchema = z.discriminatedUnion("action", [
  /** `version`: the version the official was editing; a save over someone else's newer one is refused. */
  z.strictObject({ action: z.literal("edit"), version: z.number().int().min(1), content: z.unknown() }),
  z.strictObject({ action: z.literal("submit"), version: z.number().int().min(1) }),
  /** The approver names the version they read: one edited since is not published unseen. */
  z.strictObject({ action: z.literal("approve"), version: z.number().int().min(1) }),
  z.strictObject({ action: z.literal("withdraw") }),
  z.strictObject({ action: z.literal("restore") }),
]);
export type LocalLessonChange = z.infer<typeof localLessonChangeSchema>;

export const LOCAL_LESSON_STATUSES = ["draft", "awaiting_approval", "published", "withdrawn"] as const;
export type LocalLessonStatus = (typeof LOCAL_LESSON_STATUSES)[number];

export const localLessonViewSchema = z.object({
  id: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  status: z.enum(LOCAL_LESSON_STATUSES),
  title: z.string(),
  latestVersion: z.number().int(),
  /** The version residents see, or null. */
  publishedVersion: z.number().int().nullable(),
  /** The latest version, as written. */
  content: z.custom<LocalLessonContent>(),
  savedBy: z.string(),
  submittedBy: z.string().nullable(),
  createdBy: z.string(),
  updatedAt: z.string(),
  /** Whether the official asking may approve it: it waits, and they neither wrote nor submitted it. */
  canApprove: z.boolean(),
});
export type LocalLessonView = z.infer<typeof localLessonViewSchema>;
export const localLessonSavedSchema = z.object({ lesson: localLessonViewSchema });
export const localLessonListSchema = z.object({
  lessons: z.array(localLessonViewSchema),
  /** The competences of the resident framework a lesson may name (757/QĐ-BKHCN, Phụ lục I). */
  competences: z.array(z.object({ code: z.string(), title: z.string() })),
});
export type LocalLessonList = z.infer<typeof localLessonListSchema>;

export const localImageSchema = z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int(), bytes: z.number().int() });
export type LocalImage = z.infer<typeof localImageSchema>;

/** A published local lesson for residents: the lesson (photos as the server's paths) and the version to answer. */
export const areaLessonSchema = z.object({ version: z.number().int(), areaName: z.string(), lesson: z.custom<Lesson>() });
export type AreaLesson = z.infer<typeof areaLessonSchema>;
export const areaLessonsSchema = z.object({
  commune: z.object({ code: z.string(), name: z.string() }),
  lessons: z.array(areaLessonSchema),
});
export type AreaLessons = z.infer<typeof areaLessonsSchema>;
export const myCommuneSchema = z.object({ commune: z.object({ code: z.string(), name: z.string() }).nullable() });
export type MyCommune = z.infer<typeof myCommuneSchema>;
