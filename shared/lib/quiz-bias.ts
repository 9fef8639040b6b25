import type { Lesson, Question } from "../schemas/content.js";

/**
 * Whether a skill's quizzes give their answers away by where or how options are written: the position of the
 * correct option, the balance of true/false answers, correct options grouped before or after the wrong ones, and
 * options much longer or shorter than the rest. The apps shuffle options, but the content must not lean on that
 * (printed handouts, the chat, an old app). The rules and their limits are documented in shared/content/README.md.
 */
export const BIAS_LIMITS = {
  /** Single choice: share of questions whose correct option sits at any one position. */
  singleSamePosition: 0.4,
  /** True/false: the share answered "Đúng" must lie within these. */
  trueShare: [0.35, 0.65] as const,
  /** Multiple choice and spot-scam: share with every correct option before every wrong one, or after. */
  grouped: 0.5,
  /** Single choice: share whose correct option is strictly the longest, or strictly the shortest. */
  lengthGiveaway: 0.4,
  /** An option this many times the mean length of its question's others (or this fraction of it) is listed. */
  outlierRatio: [0.5, 1.6] as const,
  /** Below these counts in a skill, a share says nothing and is not judged. */
  minSingle: 5,
  minTrueFalse: 4,
  minGrouped: 3,
};

export interface SkillBias {
  skill: string;
  /** Single choice: how many questions have the correct option at position 1, 2, 3, 4 (as written). */
  singleAt: number[];
  trueFalse: { n: number; trueCorrect: number };
  grouped: { n: number; correctFirst: number; wrongFirst: number };
  length: { n: number; longest: number; shortest: number };
  /** Options much longer or shorter than the others of their question (listed, not failed). */
  outliers: { lesson: string; question: string; option: number; ratio: number }[];
  /** Rules broken: content:check fails on any. */
  problems: string[];
}

const len = (s: string) => [...s.trim()].length;
const pct = (x: number) => `${Math.round(x * 100)}%`;

function groupedAs(q: Question): "correctFirst" | "wrongFirst" | null {
  const marks = q.options.map((o) => o.correct === true);
  const firstWrong = marks.indexOf(false);
  const firstRight = marks.indexOf(true);
  if (marks.slice(firstWrong).every((m) => !m)) return "correctFirst";
  if (marks.slice(firstRight).every((m) => m)) return "wrongFirst";
  return null;
}

/** `quizzes`: a skill's lessons, or its final assessment as one quiz. */
export function quizBias(skill: string, quizzes: Pick<Lesson, "id" | "quiz">[]): SkillBias {
  const L = BIAS_LIMITS;
  const b: SkillBias = {
    skill,
    singleAt: [0, 0, 0, 0],
    trueFalse: { n: 0, trueCorrect: 0 },
    grouped: { n: 0, correctFirst: 0, wrongFirst: 0 },
    length: { n: 0, longest: 0, shortest: 0 },
    outliers: [],
    problems: [],
  };
  for (const l of quizzes) {
    for (const q of l.quiz) {
      if (q.kind === "single") {
        const at = q.options.findIndex((o) => o.correct);
        b.singleAt[at] = (b.singleAt[at] ?? 0) + 1;
        const lengths = q.options.map((o) => len(o.text));
        const mine = lengths[at]!;
        const others = lengths.filter((_, i) => i !== at);
        b.length.n++;
        if (others.every((x) => mine > x)) b.length.longest++;
        if (others.every((x) => mine < x)) b.length.shortest++;
      }
      if (q.kind === "true-false") {
        b.trueFalse.n++;
        if (q.options[0]?.correct) b.trueFalse.trueCorrect++;
      }
      if (q.kind === "multiple" || q.kind === "spot-scam") {
        b.grouped.n++;
        const g = groupedAs(q);
        if (g) b.grouped[g]++;
      }
      if (q.kind === "single" || q.kind === "multiple") {
        q.options.forEach((o, i) => {
          const rest = q.options.filter((_, j) => j !== i).map((x) => len(x.text));
          const ratio = len(o.text) / (rest.reduce((s, x) => s + x, 0) / rest.length);
          if (ratio > L.outlierRatio[1] || ratio < L.outlierRatio[0])
            b.outliers.push({ lesson: l.id, question: q.id, option: i + 1, ratio: Math.round(ratio * 10) / 10 });
        });
      }
    }
  }
  const single = b.singleAt.reduce((s, x) => s + x, 0);
  if (single >= L.minSingle) {
    const top = Math.max(...b.singleAt);
    if (top > L.singleSamePosition * single) {
      b.problems.push(
        `single choice: the correct option is at position ${b.singleAt.indexOf(top) + 1} in ${top} of ${single} (${pct(top / single)}, the limit is ${pct(L.singleSamePosition)})`,
      );
    }
    for (const k of ["longest", "shortest"] as const) {
      if (b.length[k] > L.lengthGiveaway * b.length.n) {
        b.problems.push(
          `single choice: the correct option is the ${k} in ${b.length[k]} of ${b.length.n} (${pct(b.length[k] / b.length.n)}, the limit is ${pct(L.lengthGiveaway)})`,
        );
      }
    }
  }
  const tf = b.trueFalse;
  if (tf.n >= L.minTrueFalse) {
    const share = tf.trueCorrect / tf.n;
    if (share < L.trueShare[0] || share > L.trueShare[1]) {
      b.problems.push(
        `true/false: "Đúng" is the answer in ${tf.trueCorrect} of ${tf.n} (${pct(share)}, it must be ${pct(L.trueShare[0])}–${pct(L.trueShare[1])})`,
      );
    }
  }
  const g = b.grouped;
  if (g.n >= L.minGrouped) {
    for (const k of ["correctFirst", "wrongFirst"] as const) {
      if (g[k] > L.grouped * g.n) {
        const what = k === "correctFirst" ? "every correct option comes before every wrong one" : "every wrong option comes before every correct one";
        b.problems.push(`multiple choice and spot-scam: ${what} in ${g[k]} of ${g.n} (the limit is half)`);
      }
    }
  }
  return b;
}
