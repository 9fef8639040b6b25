import type { SkillCompletion } from "../../../../shared/schemas/assessment.js";
import type { AssessmentAttemptRow } from "../../repositories/assessments.js";
import { skillTitle } from "../certificates/certificate-view.js";
import { assessmentOf, type AssessmentDeps } from "./assessment-deps.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the next attempt may begin, and how many are left in the last 24 hours, under the retry rule. */
export function retryRule(settings: AssessmentDeps["settings"], attempts: AssessmentAttemptRow[], now: Date) {
  const today = attempts.filter((a) => now.getTime() - Date.parse(a.started_at) < DAY_MS);
  const left = Math.max(0, settings.attemptsPerDay - today.length);
  const last = attempts.find((a) => a.submitted_at);
  let next: number | null = null;
  if (last && !last.passed) {
    const wait = Date.parse(last.submitted_at!) + settings.retryMinutes * 60_000;
    if (wait > now.getTime()) next = wait;
  }
  if (left === 0) {
    // The oldest attempt of the last 24 hours frees a place when it turns a day old.
    const oldest = Math.min(...today.map((a) => Date.parse(a.started_at)));
    next = Math.max(next ?? 0, oldest + DAY_MS);
  }
  return { attemptsLeftToday: left, nextAttemptAt: next === null ? null : new Date(next).toISOString() };
}

/** Where the learner stands in completing a skill: assessment passed, tasks confirmed, certificate issued. */
export async function skillCompletion(deps: AssessmentDeps, learnerId: string, skill: string): Promise<SkillCompletion> {
  const a = assessmentOf(deps.course, skill);
  const [attempts, confirmations, cert] = await Promise.all([
    deps.repos.assessments.ofLearner(learnerId, skill),
    deps.repos.handsOn.confirmations(learnerId, skill),
    deps.repos.certificates.ofLearner(learnerId, skill),
  ]);
  const teams = new Map<number, string | null>();
  for (const c of confirmations) if (!teams.has(c.team_id)) teams.set(c.team_id, (await deps.repos.teams.find(c.team_id))?.name ?? null);
  const passed = attempts.some((x) => x.passed === 1);
  const graded = attempts.filter((x) => x.total > 0 && x.correct !== null);
  const open = attempts.find((x) => !x.submitted_at);
  const rule = retryRule(deps.settings, attempts, deps.clock.now());
  const tasks = a.tasks.map((t) => {
    const c = confirmations.find((x) => x.task_id === t.id);
    return { id: t.id, title: t.title, watch: t.watch, confirmedAt: c?.confirmed_at ?? null, team: c ? (teams.get(c.team_id) ?? null) : null };
  });
  return {
    skill,
    skillTitle: skillTitle(deps.course, skill),
    core: deps.course.skills.find((s) => s.id === skill)?.core ?? false,
    assessment: {
      questions: Math.min(deps.settings.questions, a.questions.length),
      passPercent: deps.settings.passPercent,
      passed,
      bestPct: graded.length ? Math.max(...graded.map((x) => Math.round((x.correct! / x.total) * 100))) : null,
      openAttempt: passed ? null : (open?.id ?? null),
      nextAttemptAt: passed || open ? null : rule.nextAttemptAt,
      attemptsLeftToday: rule.attemptsLeftToday,
    },
    tasks,
    completed: passed && tasks.every((t) => t.confirmedAt !== null),
    certificate: cert ? { code: cert.code, status: cert.revoked_at ? "revoked" : "valid" } : null,
  };
}
