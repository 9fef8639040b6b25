/**
 * One CSV cell. Text that a spreadsheet would run as a formula (OWASP "CSV injection": a cell starting with
 * =, +, -, @, tab or carriage return) gets a leading apostrophe, so Excel and LibreOffice show it as text.
 * Numbers are written as they are: -5 is a value, not a formula.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of cells as CSV text with CRLF-free line ends (one row per line). */
export function csvRows(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}
