import type { Question } from "../schemas/content.js";

/**
 * An answer is a list of option ids (never positions: the apps shuffle options): the chosen option for single and
 * true/false, the ticked options for multiple and spot-scam (any order), and every option in the learner's order
 * for order questions.
 */
export type Answer = string[];

/** Share of a quiz's questions a learner must get right to pass the lesson. */
export const PASS_RATIO = 0.8;

export function correctAnswer(q: Question): Answer {
  if (q.kind === "order") return q.options.map((o) => o.id);
  return q.options.flatMap((o) => (o.correct ? [o.id] : []));
}

/** Why an answer cannot be graded at all (as opposed to being wrong), or null when it is well-formed. */
export function answerShapeError(q: Question, a: Answer): string | null {
  const ids = new Set(q.options.map((o) => o.id));
  if (a.some((id) => !ids.has(id))) return "no such option";
  if (new Set(a).size !== a.length) return "an option is repeated";
  if ((q.kind === "single" || q.kind === "true-false") && a.length !== 1) return "choose exactly one option";
  if (q.kind === "order" && a.length !== ids.size) return "order every option";
  return null;
}

export function isCorrect(q: Question, a: Answer): boolean {
  if (answerShapeError(q, a) !== null) return false;
  const expected = correctAnswer(q);
  if (q.kind === "order") return expected.every((id, i) => a[i] === id);
  const chosen = new Set(a);
  return chosen.size === expected.length && expected.every((id) => chosen.has(id));
}

export interface Grade {
  correct: number;
  total: number;
  scorePct: number;
  passed: boolean;
}

export function gradeScore(correct: number, total: number, passRatio: number): Grade {
  const scorePct = total === 0 ? 0 : Math.round((correct / total) * 100);
  return { correct, total, scorePct, passed: total > 0 && correct / total >= passRatio };
}
