import { isLocalLessonId, LOCAL_SKILL } from "../../../../shared/constants/local-lesson.js";
import { vietnamWeekStart } from "../../../../shared/lib/vietnam-time.js";
import type { Report, ReportFigures, ReportQuery } from "../../../../shared/schemas/report.js";
import type { OutcomeKind } from "../../../../shared/schemas/ledger.js";
import { badRequest } from "../../lib/errors.js";
import type { ReportScope } from "../../repositories/report-rollups.js";
import { actorCovers, forbidden } from "../admin/access.js";
import { communeName } from "../areas.js";
import { requireLeaderOrOfficial } from "../teams/leader-or-official.js";
import type { TeamActor, TeamDeps } from "../teams/team-deps.js";

export interface ReportCosts {
  teamMonthVnd: number;
  memberTrainedVnd: number;
}
export type ReportDeps = Pick<TeamDeps, "repos" | "areas" | "clock" | "catalog" | "visitKinds"> & { costs: ReportCosts; outcomeKinds: OutcomeKind[] };

const DAY = 86_400_000;
const empty = (): ReportFigures => ({
  teams: 0,
  members: 0,
  trained: 0,
  trainedPct: null,
  residentsCredited: 0,
  residentsLearning: 0,
  lessonsCompleted: 0,
  householdsVisited: 0,
  accountsCreated: 0,
  newDigitalUsers: 0,
  residentsInLedger: 0,
  adults: null,
  outcomes: {},
});
/** The Monday of a Vietnam date's week. */
const weekOfDay = (day: string) => vietnamWeekStart(new Date(`${day}T12:00:00+07:00`));
const SUMMED = [
  "teams",
  "members",
  "trained",
  "residentsCredited",
  "residentsLearning",
  "lessonsCompleted",
  "householdsVisited",
  "accountsCreated",
  "newDigitalUsers",
  "residentsInLedger",
] as const satisfies readonly (keyof ReportFigures)[];
const pct = (part: number, whole: number) => (whole === 0 ? null : Math.floor((part * 100) / whole));

/** Months a team has existed at `now`, a month started counting whole (30-day months). */
export const teamMonths = (createdAt: string, now: Date) => Math.max(1, Math.ceil((now.getTime() - Date.parse(createdAt)) / (30 * DAY)));

/** Who may see what: officials their area (province or commune); a team's leader, or officials over its commune. */
async function resolveScope(deps: ReportDeps, actor: TeamActor, q: ReportQuery): Promise<{ scope: ReportScope; head: Report["scope"] }> {
  if (q.team !== undefined) {
    const { team } = await requireLeaderOrOfficial(deps, actor, q.team);
    return {
      scope: { teamId: Number(team.id) },
      head: { kind: "team", code: String(team.id), name: `${team.name} — ${communeName(deps.areas, team.commune_code)}` },
    };
  }
  const code = q.area!;
  const province = deps.areas.province(code);
  const commune = deps.areas.commune(code);
  if (!province && !commune) throw badRequest("invalid_area", `Mã khu vực "${code}" không phải một tỉnh/thành hay xã/phường hiện hành.`);
  if (!actorCovers(actor, code, deps.areas)) throw forbidden();
  if (province)
    return {
      scope: { communes: deps.areas.communes.filter((c) => c.provinceCode === code).map((c) => c.code) },
      head: { kind: "province", code, name: province.name },
    };
  return { scope: { communes: [code] }, head: { kind: "commune", code, name: commune!.fullName } };
}

/**
 * The report of a province, a commune or a team: the figures (see shared/schemas/report.ts for what each one
 * means), per commune, quiz pass rate per skill, visits per kind, the week-by-week trend and the cost per new
 * digital user. Read from the report rollups (per team, kept current with every write; a province sums the rows
 * of its communes): one small grouped query per table; the rest is adding up.
 */
export async function buildReport(deps: ReportDeps, actor: TeamActor, q: ReportQuery): Promise<Report> {
  const { scope, head } = await resolveScope(deps, actor, q);
  const now = deps.clock.now();
  const firstWeek = new Date(Date.parse(vietnamWeekStart(now)) - (q.weeks - 1) * 7 * DAY);
  const fromDay = firstWeek.toISOString().slice(0, 10);
  const r = deps.repos.reportRollups;
  const L = deps.repos.ledgerReport;
  const [teams, totals_, weeks, quiz, kindRows, outcomeRows, ledgerPeople, outcomeDays] = await Promise.all([
    r.teams(scope),
    r.totals(scope),
    r.weeks(scope, fromDay),
    r.quiz(scope),
    r.kinds(scope),
    L.outcomes(scope),
    L.people(scope),
    L.days(scope, fromDay),
  ]);

  const byCommune = new Map<string, ReportFigures>();
  const at = (code: string) => byCommune.get(code) ?? byCommune.set(code, empty()).get(code)!;
  let months = 0;
  for (const t of teams) {
    at(t.commune_code).teams++;
    months += teamMonths(t.created_at, now);
  }
  for (const x of totals_) {
    Object.assign(at(x.commune_code), {
      members: x.members,
      trained: x.trained,
      residentsCredited: x.credited,
      residentsLearning: x.learning,
      lessonsCompleted: x.lessons,
      householdsVisited: x.visits,
    });
  }
  const kinds = new Map(deps.visitKinds.map((k) => [k.id, { kind: k.id, label: k.label, account: k.account === true, visits: 0 }]));
  for (const v of kindRows) {
    const k = kinds.get(v.kind) ?? kinds.set(v.kind, { kind: v.kind, label: v.kind, account: false, visits: 0 }).get(v.kind)!;
    k.visits += v.visits;
    if (k.account) at(v.commune_code).accountsCreated += v.visits;
  }
  for (const x of outcomeRows) at(x.commune_code).outcomes[x.outcome] = x.n;
  for (const x of ledgerPeople) at(x.commune_code).residentsInLedger = x.people;
  const extraDigital = new Map(ledgerPeople.map((x) => [x.commune_code, x.digital - x.learning]));
  // A team's report has no population of its own: shares are a commune's or a province's.
  // Every commune of the scope that set its adults, with figures or not: the shares' denominator.
  const scopeCommunes = "communes" in scope ? scope.communes : [];
  const adults = new Map((await L.adults(scopeCommunes)).map((a) => [a.commune_code, Number(a.adults)]));

  const totals = empty();
  const known = { adults: 0, outcomes: {} as Record<string, number> };
  for (const [code, f] of byCommune) {
    f.trainedPct = pct(f.trained, f.members);
    f.newDigitalUsers = f.residentsLearning + (extraDigital.get(code) ?? 0);
    f.adults = adults.get(code) ?? null;
    for (const key of SUMMED) totals[key] += f[key];
    for (const [k, n] of Object.entries(f.outcomes)) totals.outcomes[k] = (totals.outcomes[k] ?? 0) + n;
    if (f.adults !== null) for (const [k, n] of Object.entries(f.outcomes)) known.outcomes[k] = (known.outcomes[k] ?? 0) + n;
  }
  totals.trainedPct = pct(totals.trained, totals.members);
  for (const n of adults.values()) known.adults += n;
  totals.adults = adults.size ? known.adults : null;
  const outcomes = deps.outcomeKinds
    .filter((k) => !k.retired || totals.outcomes[k.id])
    .map((k) => ({
      kind: k.id,
      label: k.label,
      digitalUser: k.digitalUser === true,
      residents: totals.outcomes[k.id] ?? 0,
      pctOfAdults: known.adults ? Math.round(((known.outcomes[k.id] ?? 0) * 1000) / known.adults) / 10 : null,
    }));
  const outcomeWeeks = new Map<string, Record<string, number>>();
  for (const d of outcomeDays) {
    const w = outcomeWeeks.get(weekOfDay(d.day)) ?? outcomeWeeks.set(weekOfDay(d.day), {}).get(weekOfDay(d.day))!;
    w[d.outcome] = (w[d.outcome] ?? 0) + d.n;
  }

  const lessonSkill = new Map(deps.catalog.skills.flatMap((s) => deps.catalog.lessonsOf(s.id).map((l) => [l.id, s.id] as const)));
  const skills = new Map(
    deps.catalog.skills.map((s) => [s.id, { skillId: s.id, title: s.title, attempted: 0, passed: 0, passRatePct: null as number | null }]),
  );
  for (const row of quiz) {
    // Officials' local lessons count in the local skill like its shipped samples.
    const s = skills.get(lessonSkill.get(row.lesson_id) ?? (isLocalLessonId(row.lesson_id) ? LOCAL_SKILL : ""));
    if (!s) continue;
    s.attempted += row.attempted;
    s.passed += row.passed;
  }
  for (const s of skills.values()) s.passRatePct = pct(s.passed, s.attempted);

  const byWeek = new Map(weeks.map((w) => [w.week_start, w]));
  const weekly = Array.from({ length: q.weeks }, (_, i) => {
    const weekStart = new Date(firstWeek.getTime() + i * 7 * DAY).toISOString().slice(0, 10);
    const w = byWeek.get(weekStart);
    return {
      weekStart,
      residentsCredited: w?.credited ?? 0,
      lessonsCompleted: w?.lessons ?? 0,
      householdsVisited: w?.visits ?? 0,
      membersJoined: w?.joined ?? 0,
      outcomes: outcomeWeeks.get(weekStart) ?? {},
    };
  });

  const totalVnd = months * deps.costs.teamMonthVnd + totals.trained * deps.costs.memberTrainedVnd;
  return {
    scope: head,
    generatedAt: now.toISOString(),
    totals,
    cost: {
      teamMonths: months,
      teamMonthVnd: deps.costs.teamMonthVnd,
      memberTrainedVnd: deps.costs.memberTrainedVnd,
      totalVnd,
      perNewDigitalUserVnd: totals.newDigitalUsers === 0 ? null : Math.round(totalVnd / totals.newDigitalUsers),
    },
    quizBySkill: [...skills.values()],
    outcomes,
    adultsKnown: { communes: adults.size, of: scopeCommunes.length },
    visitsByKind: [...kinds.values()],
    communes:
      head.kind === "team"
        ? []
        : [...byCommune].map(([code, f]) => ({ code, name: communeName(deps.areas, code), ...f })).sort((a, b) => a.code.localeCompare(b.code)),
    weekly,
  };
}
