/**
 * Phone and ID numbers (CCCD has 12 digits, a phone 10) must not be written into household labels or kept from
 * chat. People type them with spaces, dots, dashes, slashes or brackets, in full-width digits from some
 * keyboards, or with +84: digits are normalised first, then a run of 9 or more digits that only punctuation or
 * spaces separate counts as a number.
 */
const NON_ASCII_DIGIT = /[\p{Nd}]/gu;

/** Every decimal digit (full-width, Arabic-Indic, …) as 0–9. */
export function asciiDigits(s: string): string {
  return s.normalize("NFKC").replace(NON_ASCII_DIGIT, (d) => {
    if (d >= "0" && d <= "9") return d;
    // Unicode puts each script's digits 0–9 in a row: the offset from that script's zero is the value.
    const cp = d.codePointAt(0)!;
    for (let zero = cp; zero > cp - 10; zero--) {
      if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(cp - zero);
    }
    return d;
  });
}

/** A run of digits with only spaces and punctuation between them (no letters). */
const DIGIT_RUN = /\d(?:[^\p{L}\d]{0,3}\d)*/gu;
const MIN_DIGITS = 9;

const runs = (s: string) => [...asciiDigits(s).matchAll(DIGIT_RUN)].map((m) => ({ text: m[0], index: m.index!, digits: m[0].replace(/\D/g, "").length }));

export function hasIdNumber(s: string): boolean {
  return runs(s).some((r) => r.digits >= MIN_DIGITS);
}

/** The text with each phone or ID number replaced by "[số đã ẩn]", so that it is never stored. */
export function maskIdNumbers(s: string): string {
  const normal = asciiDigits(s);
  if (!runs(normal).some((r) => r.digits >= MIN_DIGITS)) return s;
  let out = "";
  let at = 0;
  for (const r of runs(normal)) {
    if (r.digits < MIN_DIGITS) continue;
    out += normal.slice(at, r.index) + "[số đã ẩn]";
    at = r.index + r.text.length;
  }
  return out + normal.slice(at);
}
