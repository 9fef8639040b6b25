import { randomInt, randomUUID } from "node:crypto";
import type { AssessmentAttempt } from "../../../../shared/schemas/assessment.js";
import type { Assessment } from "../../../../shared/schemas/content.js";
import { displayOrder } from "../../../../shared/lib/shuffle.js";
import { vietnamDateTime } from "../../../../shared/lib/vietnam-time.js";
import { conflict } from "../../lib/errors.js";
import type { AssessmentAttemptRow } from "../../repositories/assessments.js";
import { assessmentOf, type AssessmentDeps } from "./assessment-deps.js";
import { retryRule } from "./skill-completion.js";

/** `n` questions of the bank in a random order (Fisher–Yates with the system's random source: not guessable from one attempt to the next). */
function draw(a: Assessment, n: number): string[] {
  const ids = a.questions.map((q) => q.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, n);
}

/** The attempt as shown: its questions in the order drawn, each one's options shuffled for this attempt, no answers. */
export function attemptView(a: Assessment, row: AssessmentAttemptRow): AssessmentAttempt {
  const ids = JSON.parse(row.questions) as string[];
  return {
    attemptId: row.id,
    skill: row.skill,
    passPercent: row.pass_percent,
    startedAt: row.started_at,
    questions: ids.flatMap((id) => {
      const q = a.questions.find((x) => x.id === id);
      // A question removed from the bank since the attempt began is left out (and not graded).
      if (!q) return [];
      return [
        { id, kind: q.kind, prompt: q.prompt, options: displayOrder(q, row.id).map((o) => ({ id: o.id, text: o.text, ...(o.from ? { from: o.from } : {}) })) },
      ];
    }),
  };
}

/**
 * Begins an attempt at a skill's final assessment, or gives back the one begun and not submitted (the same
 * questions in the same order, after a reload or on another phone). Refused once passed, and while the retry rule
 * makes the learner wait.
 */
export async function startAssessment(deps: AssessmentDeps, learnerId: string, skill: string): Promise<AssessmentAttempt> {
  const a = assessmentOf(deps.course, skill);
  const attempts = await deps.repos.assessments.ofLearner(learnerId, skill);
  if (attempts.some((x) => x.passed === 1)) throw conflict("assessment_passed", "Bạn đã đạt bài kiểm tra của kỹ năng này rồi.");
  const open = attempts.find((x) => !x.submitted_at);
  if (open) return attemptView(a, open);
  const now = deps.clock.now();
  const rule = retryRule(deps.settings, attempts, now);
  if (rule.nextAttemptAt) {
    throw conflict("retry_later", `Bạn hãy ôn lại bài học, rồi làm lại bài kiểm tra từ ${vietnamDateTime(rule.nextAttemptAt)}.`);
  }
  const questions = draw(a, Math.min(deps.settings.questions, a.questions.length));
  const row: AssessmentAttemptRow = {
    id: randomUUID(),
    learner_id: learnerId,
    skill,
    questions: JSON.stringify(questions),
    started_at: now.toISOString(),
    submitted_at: null,
    answers: null,
    correct: null,
    total: questions.length,
    pass_percent: deps.settings.passPercent,
    passed: null,
  };
  if (!(await deps.repos.assessments.add(row))) {
    const begun = (await deps.repos.assessments.ofLearner(learnerId, skill)).find((x) => !x.submitted_at);
    if (begun) return attemptView(a, begun);
    throw conflict("attempt_busy", "Bài kiểm tra đang được mở ở nơi khác. Hãy thử lại.");
  }
  return attemptView(a, row);
}
