/**
 * Characters that no person's text needs and that break storage or display: NUL and the other C0/C1 controls
 * (PostgreSQL refuses NUL in text), lone UTF-16 surrogates (not valid Unicode: each database would store something
 * else), bidi overrides and isolates (they reorder what an official reads, "Trojan Source"), and zero-width characters
 * (they make two names that look the same differ). Newline and tab stay: multi-line text is allowed where it is.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

export type TextProblem = "control" | "surrogate" | "bidi" | "zero_width";

/**
 * What is wrong with a piece of text, or null when it is clean. `anyText` checks only what no text may hold
 * (controls, lone surrogates): a message may carry an emoji joined with U+200D; a name or a title may not.
 */
export function unsafeTextProblem(s: string, anyText = false): TextProblem | null {
  if (CONTROL.test(s)) return "control";
  if (LONE_SURROGATE.test(s)) return "surrogate";
  if (anyText) return null;
  if (BIDI.test(s)) return "bidi";
  if (ZERO_WIDTH.test(s)) return "zero_width";
  return null;
}

const ALL = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}|${BIDI.source}|${ZERO_WIDTH.source}`, "g");
const CONTROLS_ONLY = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, "g");

/** The text without any of those characters. */
export function stripUnsafeText(s: string): string {
  return s.replace(ALL, "");
}

function stripDeep<T>(value: T, re: RegExp): T {
  if (typeof value === "string") return value.replace(re, "") as T;
  if (Array.isArray(value)) {
    const out = value.map((v) => stripDeep(v, re));
    return (out.some((v, i) => v !== value[i]) ? out : value) as T;
  }
  if (value && typeof value === "object") {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = k.replace(re, "");
      const c = stripDeep(v, re);
      if (c !== v || key !== k) changed = true;
      out[key] = c;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/**
 * Only what no text may hold (controls, broken surrogates), deep: for what arrives from Zalo, which must be
 * answered rather than refused, and may carry an emoji joined with U+200D.
 */
export const stripUnsafeControls = <T>(value: T): T => stripDeep(value, CONTROLS_ONLY);

/** The first string inside a JSON value that no text may hold (see unsafeTextProblem), with its path, or null. */
export function findUnsafeText(value: unknown, path = ""): { path: string; problem: TextProblem } | null {
  if (typeof value === "string") {
    const problem = unsafeTextProblem(value, true);
    return problem ? { path, problem } : null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = unsafeTextProblem(k, true);
      if (keyProblem) return { path: path ? `${path}.${k}` : k, problem: keyProblem };
      const found = findUnsafeText(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

const PLAIN_MESSAGE: Record<TextProblem, string> = {
  control: "có ký tự điều khiển không hợp lệ",
  surrogate: "có ký tự hỏng (mã Unicode không hợp lệ)",
  bidi: "có ký tự đảo chiều văn bản",
  zero_width: "có ký tự ẩn (không nhìn thấy)",
};

/** The Vietnamese words for a problem, for the message next to the field. */
export const textProblemMessage = (p: TextProblem) => PLAIN_MESSAGE[p];

/** For zod's refine on names and titles: true when the text has none of these characters. */
export const isPlainName = (s: string) => unsafeTextProblem(s) === null;
