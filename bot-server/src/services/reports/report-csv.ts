import type { Report, ReportFigures } from "../../../../shared/schemas/report.js";
import { csvCell } from "../../lib/csv.js";

type Counted = Exclude<keyof ReportFigures, "outcomes">;
const FIGURES: [Counted, string][] = [
  ["teams", "Số tổ"],
  ["members", "Thành viên"],
  ["trained", "Thành viên đã được tập huấn"],
  ["trainedPct", "% thành viên đã được tập huấn"],
  ["residentsCredited", "Người dân được ghi nhận"],
  ["residentsLearning", "Người dân đã học ít nhất một bài"],
  ["lessonsCompleted", "Bài học đã hoàn thành"],
  ["householdsVisited", "Lượt hộ gia đình được hỗ trợ"],
  ["accountsCreated", "Tài khoản được tạo"],
  ["newDigitalUsers", "Người dùng số mới"],
  ["residentsInLedger", "Người dân trong sổ theo dõi có ít nhất một việc đã làm được"],
  ["adults", "Số người trưởng thành (cán bộ nhập)"],
];

/**
 * The report as CSV, written from the same object the screen shows (so the numbers are the same): one row per
 * number — section, code, name, metric key, Vietnamese label, value. A BOM lets Excel read the Vietnamese.
 */
export function reportCsv(r: Report): string {
  const rows: (string | number | null)[][] = [["section", "code", "name", "metric", "label", "value"]];
  const label = new Map(r.outcomes.map((o) => [o.kind, o.label]));
  const outcomes = (section: string, code: string, name: string, counts: Record<string, number>) => {
    for (const o of r.outcomes) rows.push([section, code, name, `outcome:${o.kind}`, label.get(o.kind)!, counts[o.kind] ?? 0]);
  };
  const figures = (section: string, code: string, name: string, f: ReportFigures) => {
    for (const [k, text] of FIGURES) rows.push([section, code, name, k, text, f[k]]);
    outcomes(section, code, name, f.outcomes);
  };
  figures("total", r.scope.code, r.scope.name, r.totals);
  rows.push(["cost", r.scope.code, r.scope.name, "teamMonths", "Số tháng-tổ", r.cost.teamMonths]);
  rows.push(["cost", r.scope.code, r.scope.name, "totalVnd", "Tổng chi phí (đồng)", r.cost.totalVnd]);
  rows.push(["cost", r.scope.code, r.scope.name, "perNewDigitalUserVnd", "Chi phí cho mỗi người dùng số mới (đồng)", r.cost.perNewDigitalUserVnd]);
  for (const s of r.quizBySkill) {
    rows.push(["skill", s.skillId, s.title, "attempted", "Lượt làm bài kiểm tra (người × bài)", s.attempted]);
    rows.push(["skill", s.skillId, s.title, "passed", "Đạt (≥ 80 %)", s.passed]);
    rows.push(["skill", s.skillId, s.title, "passRatePct", "% đạt", s.passRatePct]);
  }
  for (const o of r.outcomes) rows.push(["outcome_share", o.kind, o.label, "pctOfAdults", "% số người trưởng thành (các xã đã nhập)", o.pctOfAdults]);
  rows.push([
    "adults_known",
    r.scope.code,
    r.scope.name,
    "communes",
    `Số xã, phường đã nhập số người trưởng thành (trên ${r.adultsKnown.of})`,
    r.adultsKnown.communes,
  ]);
  for (const k of r.visitsByKind)
    rows.push(["visit_kind", k.kind, k.label, k.account ? "accounts" : "visits", k.account ? "Tài khoản được tạo" : "Lượt hỗ trợ", k.visits]);
  for (const c of r.communes) figures("commune", c.code, c.name, c);
  for (const w of r.weekly) {
    rows.push(["week", w.weekStart, `Tuần từ ${w.weekStart}`, "residentsCredited", "Người dân được ghi nhận", w.residentsCredited]);
    rows.push(["week", w.weekStart, `Tuần từ ${w.weekStart}`, "lessonsCompleted", "Bài học đã hoàn thành", w.lessonsCompleted]);
    rows.push(["week", w.weekStart, `Tuần từ ${w.weekStart}`, "householdsVisited", "Lượt hộ gia đình được hỗ trợ", w.householdsVisited]);
    rows.push(["week", w.weekStart, `Tuần từ ${w.weekStart}`, "membersJoined", "Thành viên mới", w.membersJoined]);
    outcomes("week", w.weekStart, `Tuần từ ${w.weekStart}`, w.outcomes);
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
