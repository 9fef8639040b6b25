import { expect } from "vitest";
import type { Report } from "../../shared/schemas/report.js";

/** Reads the CSV back into (section, code, metric) → value. */
export function parseCsv(text: string): Map<string, number | null> {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("section,code,name,metric,label,value");
  const out = new Map<string, number | null>();
  for (const line of lines.slice(1)) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
    const [section, code, , metric, , value] = cells;
    out.set(`${section}|${code}|${metric}`, value === "" ? null : Number(value));
  }
  return out;
}

/** Every number of the JSON report, keyed the way the CSV keys it. */
export function jsonNumbers(r: Report): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const figures = (section: string, code: string, f: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(f)) if (typeof v === "number" || v === null) out.set(`${section}|${code}|${k}`, v as number | null);
    // Every outcome kind of the report, with 0 where nobody has it.
    const counts = (f.outcomes ?? {}) as Record<string, number>;
    for (const o of r.outcomes) out.set(`${section}|${code}|outcome:${o.kind}`, counts[o.kind] ?? 0);
  };
  figures("total", r.scope.code, r.totals);
  for (const k of ["teamMonths", "totalVnd", "perNewDigitalUserVnd"] as const) out.set(`cost|${r.scope.code}|${k}`, r.cost[k]);
  for (const s of r.quizBySkill) {
    out.set(`skill|${s.skillId}|attempted`, s.attempted);
    out.set(`skill|${s.skillId}|passed`, s.passed);
    out.set(`skill|${s.skillId}|passRatePct`, s.passRatePct);
  }
  for (const o of r.outcomes) out.set(`outcome_share|${o.kind}|pctOfAdults`, o.pctOfAdults);
  out.set(`adults_known|${r.scope.code}|communes`, r.adultsKnown.communes);
  for (const k of r.visitsByKind) out.set(`visit_kind|${k.kind}|${k.account ? "accounts" : "visits"}`, k.visits);
  for (const c of r.communes) figures("commune", c.code, { ...c, code: undefined, name: undefined });
  for (const w of r.weekly) figures("week", w.weekStart, { ...w, weekStart: undefined });
  return out;
}
