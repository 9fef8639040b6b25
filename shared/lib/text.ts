/** Pure helpers for Vietnamese text shared by the mini app and the server. */

export function countWords(s: string): number {
  const words = s.replace(/\*\*/g, "").trim().split(/\s+/);
  return words[0] === "" ? 0 : words.length;
}

const VAR = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

export function varNames(s: string): string[] {
  return [...s.matchAll(VAR)].map((m) => m[1]!);
}

export function fillVars(s: string, vars: Record<string, string>): string {
  return s.replace(VAR, (whole, name: string) => vars[name] ?? whole);
}

/** Lower-case, tone marks and đ folded: "Kích hoạt VNeID" → "kich hoat vneid". */
export function foldVietnamese(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
