import { describe, expect, it } from "vitest";
import type { Lesson, Question, QuestionKind } from "../schemas/content.js";
import { quizBias } from "./quiz-bias.js";

/** A question whose options are marked correct where `marks` is true; `texts` sets their wording. */
function q(id: string, kind: QuestionKind, marks: boolean[], texts?: string[]): Question {
  return {
    id,
    kind,
    prompt: "Câu hỏi?",
    options: marks.map((c, i) => ({ id: `${id}o${i}`, text: texts?.[i] ?? `Phương án số ${i + 1}`, explain: "Vì sao.", ...(c ? { correct: true } : {}) })),
  };
}
const lesson = (quiz: Question[]): Lesson => ({
  id: "bai",
  skill: "ky-nang",
  order: 1,
  title: "T",
  summary: "S",
  minutes: 5,
  competences: ["0.1"],
  keySteps: [],
  steps: [],
  quiz,
});
const single = (at: number, n = 4) => Array.from({ length: n }, (_, i) => i === at);
const tf = (trueIsRight: boolean) => [trueIsRight, !trueIsRight];

describe("quizBias", () => {
  it("passes a skill whose answers are spread", () => {
    const b = quizBias("ky-nang", [
      lesson([0, 1, 2, 3, 1].map((at, i) => q(`s${i}`, "single", single(at)))),
      lesson([true, false, true, false].map((t, i) => q(`t${i}`, "true-false", tf(t)))),
      lesson([q("m1", "multiple", [true, false, true]), q("m2", "multiple", [false, true, true]), q("m3", "spot-scam", [true, false, false, true])]),
    ]);
    expect(b.problems).toEqual([]);
    expect(b.singleAt).toEqual([1, 2, 1, 1]);
  });

  it("fails when the correct option is nearly always first", () => {
    const b = quizBias("ky-nang", [lesson([0, 0, 0, 1, 2].map((at, i) => q(`s${i}`, "single", single(at))))]);
    expect(b.problems).toEqual([expect.stringMatching(/position 1 in 3 of 5 \(60%/)]);
  });

  it("fails when true/false is nearly always Sai, and when correct options always come first", () => {
    const b = quizBias("ky-nang", [
      lesson([false, false, false, true].map((t, i) => q(`t${i}`, "true-false", tf(t)))),
      lesson([q("m1", "multiple", [true, true, false]), q("m2", "multiple", [true, false, false]), q("m3", "spot-scam", [false, true, false])]),
    ]);
    expect(b.problems).toEqual([expect.stringMatching(/"Đúng" is the answer in 1 of 4 \(25%/), expect.stringMatching(/before every wrong one in 2 of 3/)]);
  });

  it("fails when the correct option is usually the longest, and lists options far longer than the rest", () => {
    const long = ["Gọi lại cho người thân theo số bạn đã lưu sẵn trong danh bạ", "Chuyển tiền", "Gửi mã OTP", "Bấm link"];
    const b = quizBias("ky-nang", [lesson([0, 1, 2, 3, 0].map((_, i) => q(`s${i}`, "single", single(i % 4), i < 3 ? rotate(long, i % 4) : undefined)))]);
    expect(b.problems).toEqual([expect.stringMatching(/the longest in 3 of 5/)]);
    expect(b.outliers.filter((o) => o.ratio > 1).map((o) => [o.question, o.option])).toEqual([
      ["s0", 1],
      ["s1", 2],
      ["s2", 3],
    ]);
  });

  it("does not judge a share on too few questions", () => {
    expect(quizBias("ky-nang", [lesson([q("s1", "single", single(0)), q("t1", "true-false", tf(false))])]).problems).toEqual([]);
  });
});

/** The list with its first item moved to position `at`. */
function rotate(xs: string[], at: number): string[] {
  const [first, ...rest] = xs;
  return [...rest.slice(0, at), first!, ...rest.slice(at)];
}
