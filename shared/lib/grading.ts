import type { Question } from "../schemas/content.js";

/**
 * An answer is a list of option indices: the chosen option for single and true/false, the ticked options for
 * multiple and spot-scam (any order), and the options in the learner's order for order questions.
 */
export type Answer = number[];

/** Share of a quiz's questions a learner must get right to pass the lesson. */
export const PASS_RATIO = 0.8;

export function correctAnswer(q: Question): Answer {
  if (q.kind === "order") return q.options.map((_, i) => i);
  return q.options.flatMap((o, i) => (o.correct ? [i] : []));
}

/** Why an answer cannot be graded at all (as opposed to being wrong), or null when it is well-formed. */
export function answerShapeError(q: Question, a: Answer): string | null {
  const n = q.options.length;
  if (a.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) return "option index out of range";
  if (new Set(a).size !== a.length) return "an option is repeated";
  if ((q.kind === "single" || q.kind === "true-false") && a.length !== 1) return "choose exactly one option";
  if (q.kind === "order" && a.length !== n) return "order every option";
  return null;
}

export function isCorrect(q: Question, a: Answer): boolean {
  if (answerShapeError(q, a) !== null) return false;
  const expected = correctAnswer(q);
  if (q.kind === "order") return expected.every((v, i) => a[i] === v);
  const chosen = [...a].sort((x, y) => x - y);
  return chosen.length === expected.length && expected.every((v, i) => chosen[i] === v);
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
