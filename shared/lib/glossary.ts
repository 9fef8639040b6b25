import type { GlossaryEntry } from "../schemas/content.js";

/** A glossary term found in a text: where it is, and which entry explains it. */
export interface TermSpan {
  start: number;
  end: number;
  id: string;
}

const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}]/u.test(ch);
/** "AI", "OTP", "4G": an acronym matches only as written ("ai" is "who" and "pin" a battery in Vietnamese). */
const isAcronym = (s: string) => /^[A-Z0-9-]+$/.test(s) || (/[A-Z]{2}/.test(s) && !/[a-zà-ỹ]{2}/.test(s.replace(/[A-Z]+/g, "")));

/**
 * Finds the glossary's terms (and their other spellings) in a text: whole words only, the longest first ("đuôi trang
 * web" before "trang web"), left to right without overlaps, each term once per text (its first use is marked).
 * Spans index the text in its composed form (NFC), which is how the content is written.
 */
export function glossaryMatcher(entries: GlossaryEntry[]): (text: string) => TermSpan[] {
  const forms = entries
    .flatMap((e) => [e.term, ...e.aliases].map((form) => ({ id: e.id, form: form.normalize("NFC"), exact: isAcronym(form) })))
    .sort((a, b) => b.form.length - a.form.length);
  return (raw) => {
    const text = raw.normalize("NFC");
    const lower = text.toLocaleLowerCase("vi");
    const found: TermSpan[] = [];
    const seen = new Set<string>();
    for (const f of forms) {
      if (seen.has(f.id)) continue;
      const hay = f.exact ? text : lower;
      const needle = f.exact ? f.form : f.form.toLocaleLowerCase("vi");
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
        if (found.some((s) => at < s.end && end > s.start)) continue;
        found.push({ start: at, end, id: f.id });
        seen.add(f.id);
        break;
      }
    }
    return found.sort((a, b) => a.start - b.start);
  };
}
