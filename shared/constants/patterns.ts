/**
 * Formats of ids, codes and text, written once: the zod schemas validate with them, and the mini app (which ships
 * without zod) checks links and forms with the same ones.
 */

/** A team's or member's ref code, as posters and links carry it. */
export const REF_CODE = /^[A-Za-z0-9_-]{1,32}$/;
/** A team invite code (a signed token). */
export const INVITE_CODE = /^[A-Za-z0-9_.-]{10,200}$/;
/** Ids of lessons, skills, FAQ entries and visit kinds: lower-case ASCII words joined by hyphens. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A quiz question's id within its lesson: q1 … q99. */
export const QUESTION_ID = /^q[1-9][0-9]?$/;
/** A news topic: a skill's id or the government's news. */
export const TOPIC_ID = /^[a-z0-9-]{1,40}$/;
export const ZALO_USER_ID = /^\d{1,25}$/;
/** Codes of the 2025 administrative units: a province has 2 digits, a commune 5. */
export const PROVINCE_CODE = /^\d{2}$/;
export const COMMUNE_CODE = /^\d{5}$/;
export const AREA_CODE = /^(\d{2}|\d{5})$/;
/** Text that goes into Zalo's templates as is may not carry markup. */
export const MARKUP = /[<>]/;
