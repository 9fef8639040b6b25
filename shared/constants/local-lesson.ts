/** Lessons written by officials: "dp-" and ten hex digits, never the id of a shipped lesson (content:check refuses the prefix). */
export const LOCAL_LESSON_ID = /^dp-[0-9a-f]{10}$/;
export const LOCAL_LESSON_PREFIX = "dp-";
/** An uploaded photo: "img-" and the first 16 hex digits of the SHA-256 of the stored file (the same photo is stored once). */
export const LOCAL_IMAGE_ID = /^img-[0-9a-f]{16}$/;
/** The skill whose lessons officials write. */
export const LOCAL_SKILL = "dia-phuong";

export const isLocalLessonId = (id: string) => LOCAL_LESSON_ID.test(id);
