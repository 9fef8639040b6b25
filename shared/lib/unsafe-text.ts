/**
 * Characters that no person's text needs and that break storage or display: NUL and the other C0/C1 controls
 * (PostgreSQL refuses NUL in text), lone UTF-16 surrogates (not valid Unicode: each database would store something
 * else), bidi overrides and isolates (they reorder what an official reads, "Trojan Source"), and zero-width characters
 * (they make two names that look the same differ). Newline and tab stay: multi-line text is allowed where it is.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** What is wrong with a piece of text, or null when it is clean. */
export function unsafeTextProblem(s: string): "control" | "surrogate" | "bidi" | "zero_width" | null {
  if (CONTROL.test(s)) return "control";
  if (LONE_SURROGATE.test(s)) return "surrogate";
  if (BIDI.test(s)) return "bidi";
  if (ZERO_WIDTH.test(s)) return "zero_width";
  return null;
}

const ALL = new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}|${BIDI.source}|${ZERO_WIDTH.source}`, "g");

/** The text without those characters: for what arrives from Zalo, which must be answered rather than refused. */
export function stripUnsafeText(s: string): string {
  return s.replace(ALL, "");
}

/** Every string inside a JSON value, cleaned; the same object when nothing needed it. */
export function stripUnsafeDeep<T>(value: T): T {
  if (typeof value === "string") return stripUnsafeText(value) as T;
  if (Array.isArray(value)) {
    const out = value.map((v) => stripUnsafeDeep(v));
    return (out.some((v, i) => v !== value[i]) ? out : value) as T;
  }
  if (value && typeof value === "object") {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = stripUnsafeText(k);
      const c = stripUnsafeDeep(v);
      if (c !== v || key !== k) changed = true;
      out[key] = c;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** The first string inside a JSON value that is not clean, with its path, or null. */
export function findUnsafeText(value: unknown, path = ""): { path: string; problem: NonNullable<ReturnType<typeof unsafeTextProblem>> } | null {
  if (typeof value === "string") {
    const problem = unsafeTextProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = unsafeTextProblem(k);
      if (keyProblem) return { path: path ? `${path}.${k}` : k, problem: keyProblem };
      const found = findUnsafeText(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}
