import type { Report, ReportFigures, ReportQuery } from "../../../../shared/schemas/report.js";
import { badRequest } from "../../lib/errors.js";
import type { ReportScope } from "../../repositories/reports.js";
import { actorCovers, forbidden } from "../admin/access.js";
import { communeName, coreLessonIds, requireLeaderOrOfficial, type TeamActor, type TeamDeps } from "../teams/team-access.js";

export interface ReportCosts {
  teamMonthVnd: number;
  memberTrainedVnd: number;
}
export type ReportDeps = Pick<TeamDeps, "repos" | "areas" | "clock" | "catalog" | "visitKinds"> & { costs: ReportCosts };

const DAY = 86_400_000;
const empty = (): ReportFigures => ({ teams: 0, members: 0, trained: 0, trainedPct: null, residentsCredited: 0, residentsLearning: 0, lessonsCompleted: 0, householdsVisited: 0, accountsCreated: 0, newDigitalUsers: 0 });
const pct = (part: number, whole: number) => (whole === 0 ? null : Math.floor((part * 100) / whole));

/** Monday of the week (Vietnam time) that holds `now`, as YYYY-MM-DD. */
export function vietnamWeekStart(now: Date): string {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const monday = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate()) - ((vn.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

/** Months a team has existed at `now`, a month started counting whole (30-day months). */
export const teamMonths = (createdAt: string, now: Date) => Math.max(1, Math.ceil((now.getTime() - Date.parse(createdAt)) / (30 * DAY)));

/** Who may see what: officials their area (province or commune); a team's leader, or officials over its commune. */
async function resolveScope(deps: ReportDeps, actor: TeamActor, q: ReportQuery): Promise<{ scope: ReportScope; head: Report["scope"] }> {
  if (q.team !== undefined) {
    const { team } = await requireLeaderOrOfficial(deps, actor, q.team);
    return { scope: { teamId: Number(team.id) }, head: { kind: "team", code: String(team.id), name: `${team.name} — ${communeName(deps.areas, team.commune_code)}` } };
  }
  const code = q.area!;
  const province = deps.areas.province(code);
  const commune = deps.areas.commune(code);
  if (!province && !commune) throw badRequest("invalid_area", `Mã khu vực "${code}" không phải một tỉnh/thành hay xã/phường hiện hành.`);
  if (!actorCovers(actor, code, deps.areas)) throw forbidden();
  if (province) return { scope: { communes: deps.areas.communes.filter((c) => c.provinceCode === code).map((c) => c.code) }, head: { kind: "province", code, name: province.name } };
  return { scope: { communes: [code] }, head: { kind: "commune", code, name: commune!.fullName } };
}

/**
 * The report of a province, a commune or a team: the figures (see shared/schemas/report.ts for what each one
 * means), per commune, quiz pass rate per skill, visits per kind, the week-by-week trend and the cost per new
 * digital user. One grouped query per figure; the rest is adding up.
 */
export async function buildReport(deps: ReportDeps, actor: TeamActor, q: ReportQuery): Promise<Report> {
  const { scope, head } = await resolveScope(deps, actor, q);
  const now = deps.clock.now();
  const firstWeek = new Date(Date.parse(vietnamWeekStart(now)) - (q.weeks - 1) * 7 * DAY);
  const fromDay = firstWeek.toISOString().slice(0, 10);
  const fromInstant = new Date(firstWeek.getTime() - 7 * 3600_000).toISOString();
  const core = coreLessonIds(deps.catalog);
  const r = deps.repos.reports;
  const [teams, members, credits, quiz, visits, daily] = await Promise.all([r.teams(scope), r.members(scope, core), r.credits(scope), r.quizByLesson(scope), r.visits(scope), r.daily(scope, fromDay, fromInstant)]);

  const byCommune = new Map<string, ReportFigures>();
  const at = (code: string) => byCommune.get(code) ?? byCommune.set(code, empty()).get(code)!;
  let months = 0;
  for (const t of teams) {
    at(t.commune_code).teams++;
    months += teamMonths(t.created_at, now);
  }
  for (const m of members) Object.assign(at(m.commune_code), { members: m.members, trained: m.trained });
  for (const c of credits) Object.assign(at(c.commune_code), { residentsCredited: c.credited, residentsLearning: c.learning, lessonsCompleted: c.lessons });
  const kinds = new Map(deps.visitKinds.map((k) => [k.id, { kind: k.id, label: k.label, account: k.account === true, visits: 0 }]));
  for (const v of visits) {
    const f = at(v.commune_code);
    f.householdsVisited += v.visits;
    for (const id of JSON.parse(v.kinds) as string[]) {
      const k = kinds.get(id) ?? kinds.set(id, { kind: id, label: id, account: false, visits: 0 }).get(id)!;
      k.visits += v.visits;
      if (k.account) f.accountsCreated += v.visits;
    }
  }
  const totals = empty();
  for (const f of byCommune.values()) {
    f.trainedPct = pct(f.trained, f.members);
    f.newDigitalUsers = f.residentsLearning + f.accountsCreated;
    for (const key of Object.keys(totals) as (keyof ReportFigures)[]) if (key !== "trainedPct") totals[key] = (totals[key] ?? 0) + (f[key] ?? 0);
  }
  totals.trainedPct = pct(totals.trained, totals.members);

  const lessonSkill = new Map(deps.catalog.skills.flatMap((s) => deps.catalog.lessonsOf(s.id).map((l) => [l.id, s.id] as const)));
  const skills = new Map(deps.catalog.skills.map((s) => [s.id, { skillId: s.id, title: s.title, attempted: 0, passed: 0, passRatePct: null as number | null }]));
  for (const row of quiz) {
    const s = skills.get(lessonSkill.get(row.lesson_id) ?? "");
    if (!s) continue;
    s.attempted += row.attempted;
    s.passed += row.passed;
  }
  for (const s of skills.values()) s.passRatePct = pct(s.passed, s.attempted);

  const weekly = Array.from({ length: q.weeks }, (_, i) => ({ weekStart: new Date(firstWeek.getTime() + i * 7 * DAY).toISOString().slice(0, 10), residentsCredited: 0, lessonsCompleted: 0, householdsVisited: 0, membersJoined: 0 }));
  const field = { credit: "residentsCredited", lesson: "lessonsCompleted", visit: "householdsVisited", join: "membersJoined" } as const;
  for (const d of daily) {
    const i = Math.floor((Date.parse(d.day) - firstWeek.getTime()) / (7 * DAY));
    if (i >= 0 && i < weekly.length) weekly[i]![field[d.what]] += d.n;
  }

  const totalVnd = months * deps.costs.teamMonthVnd + totals.trained * deps.costs.memberTrainedVnd;
  return {
    scope: head,
    generatedAt: now.toISOString(),
    totals,
    cost: { teamMonths: months, teamMonthVnd: deps.costs.teamMonthVnd, memberTrainedVnd: deps.costs.memberTrainedVnd, totalVnd, perNewDigitalUserVnd: totals.newDigitalUsers === 0 ? null : Math.round(totalVnd / totals.newDigitalUsers) },
    quizBySkill: [...skills.values()],
    visitsByKind: [...kinds.values()],
    communes: head.kind === "team" ? [] : [...byCommune].map(([code, f]) => ({ code, name: communeName(deps.areas, code), ...f })).sort((a, b) => a.code.localeCompare(b.code)),
    weekly,
  };
}
