import { describe, expect, it } from "vitest";
import type { Question, QuestionKind } from "../schemas/content.js";
import { answerShapeError, correctAnswer, gradeScore, isCorrect, PASS_RATIO } from "./grading.js";

/** A question whose options are marked correct where `marks` is true (order questions take a count). */
function question(kind: QuestionKind, marks: boolean[] | number): Question {
  const options =
    typeof marks === "number"
      ? Array.from({ length: marks }, (_, i) => ({ id: `b${i}`, text: `Bước ${i + 1}`, explain: "Giải thích." }))
      : marks.map((c, i) => ({ id: `p${i}`, text: `Phương án ${i + 1}`, explain: "Giải thích.", ...(c ? { correct: true } : {}) }));
  return { id: "q1", kind, prompt: "Câu hỏi?", options };
}

/** The ids of the options at these positions (a position that does not exist gives an id no option has). */
const ix = (q: Question, ...positions: number[]) => positions.map((i) => q.options[i]?.id ?? `nope${i}`);

const single = question("single", [false, false, true, false]);
const trueFalse = question("true-false", [false, true]);
const multiple = question("multiple", [true, false, true, false, true]);
const spotScam = question("spot-scam", [false, true, false, true]);
const order = question("order", 4);

describe("correctAnswer", () => {
  it("is the one correct option for single and true-false", () => {
    expect(correctAnswer(single)).toEqual(ix(single, 2));
    expect(correctAnswer(trueFalse)).toEqual(ix(trueFalse, 1));
  });

  it("is every correct option, ascending, for multiple and spot-scam", () => {
    expect(correctAnswer(multiple)).toEqual(ix(multiple, 0, 2, 4));
    expect(correctAnswer(spotScam)).toEqual(ix(spotScam, 1, 3));
  });

  it("is the options in their written order for order questions", () => {
    expect(correctAnswer(order)).toEqual(ix(order, 0, 1, 2, 3));
  });
});

describe("isCorrect", () => {
  it("single and true-false: only the correct option", () => {
    expect(isCorrect(single, ix(single, 2))).toBe(true);
    expect(isCorrect(single, ix(single, 0))).toBe(false);
    expect(isCorrect(trueFalse, ix(trueFalse, 1))).toBe(true);
    expect(isCorrect(trueFalse, ix(trueFalse, 0))).toBe(false);
  });

  it("multiple: set semantics, the ticks may come in any order", () => {
    expect(isCorrect(multiple, ix(multiple, 0, 2, 4))).toBe(true);
    expect(isCorrect(multiple, ix(multiple, 4, 0, 2))).toBe(true);
  });

  it("multiple: a subset, a superset or nothing ticked is wrong", () => {
    expect(isCorrect(multiple, ix(multiple, 0, 2))).toBe(false);
    expect(isCorrect(multiple, ix(multiple, 0, 1, 2, 4))).toBe(false);
    expect(isCorrect(multiple, ix(multiple))).toBe(false);
  });

  it("spot-scam: every scam and only scams, in any order", () => {
    expect(isCorrect(spotScam, ix(spotScam, 3, 1))).toBe(true);
    expect(isCorrect(spotScam, ix(spotScam, 1))).toBe(false);
    expect(isCorrect(spotScam, ix(spotScam, 0, 1, 3))).toBe(false);
  });

  it("order: sequence semantics, the exact order is required", () => {
    expect(isCorrect(order, ix(order, 0, 1, 2, 3))).toBe(true);
    expect(isCorrect(order, ix(order, 1, 0, 2, 3))).toBe(false);
    expect(isCorrect(order, ix(order, 3, 2, 1, 0))).toBe(false);
  });

  it("a malformed answer is never correct, even when it contains the right options", () => {
    expect(isCorrect(single, ix(single, 2, 2))).toBe(false);
    expect(isCorrect(single, ix(single, 2, 0))).toBe(false);
    expect(isCorrect(multiple, ix(multiple, 0, 0, 2, 4))).toBe(false);
    expect(isCorrect(multiple, ix(multiple, 0, 2, 4, 5))).toBe(false);
    expect(isCorrect(order, ix(order, 0, 1, 2))).toBe(false);
    expect(isCorrect(order, ix(order, 0, 1, 2, 3, 3))).toBe(false);
  });
});

describe("answerShapeError", () => {
  it("accepts well-formed answers of every kind, right or wrong", () => {
    expect(answerShapeError(single, ix(single, 0))).toBeNull();
    expect(answerShapeError(trueFalse, ix(trueFalse, 0))).toBeNull();
    expect(answerShapeError(multiple, ix(multiple, 1, 3))).toBeNull();
    expect(answerShapeError(multiple, ix(multiple))).toBeNull();
    expect(answerShapeError(spotScam, ix(spotScam, 0))).toBeNull();
    expect(answerShapeError(order, ix(order, 3, 1, 0, 2))).toBeNull();
  });

  it("refuses an option the question does not have", () => {
    expect(answerShapeError(single, ix(single, 4))).toBe("no such option");
    expect(answerShapeError(single, ix(single, -1))).toBe("no such option");
    expect(answerShapeError(trueFalse, ix(trueFalse, 2))).toBe("no such option");
    expect(answerShapeError(multiple, ix(multiple, 0, 5))).toBe("no such option");
    expect(answerShapeError(order, ix(order, 0, 1, 2, 4))).toBe("no such option");
    expect(answerShapeError(single, ix(single, 1.5))).toBe("no such option");
  });

  it("refuses a repeated option", () => {
    expect(answerShapeError(multiple, ix(multiple, 0, 2, 0))).toBe("an option is repeated");
    expect(answerShapeError(spotScam, ix(spotScam, 1, 1))).toBe("an option is repeated");
    expect(answerShapeError(order, ix(order, 0, 1, 1, 3))).toBe("an option is repeated");
  });

  it("single and true-false take exactly one option", () => {
    expect(answerShapeError(single, ix(single))).toBe("choose exactly one option");
    expect(answerShapeError(single, ix(single, 0, 2))).toBe("choose exactly one option");
    expect(answerShapeError(trueFalse, ix(trueFalse, 0, 1))).toBe("choose exactly one option");
  });

  it("order questions must place every option", () => {
    expect(answerShapeError(order, ix(order, 0, 1, 2))).toBe("order every option");
    expect(answerShapeError(order, ix(order))).toBe("order every option");
  });
});

describe("gradeScore", () => {
  it("the pass mark is 80 %", () => {
    expect(PASS_RATIO).toBe(0.8);
  });

  it("4 of 5 is exactly 80 % and passes", () => {
    expect(gradeScore(4, 5, PASS_RATIO)).toEqual({ correct: 4, total: 5, scorePct: 80, passed: true });
  });

  it("3 of 4 is 75 % and fails", () => {
    expect(gradeScore(3, 4, PASS_RATIO)).toEqual({ correct: 3, total: 4, scorePct: 75, passed: false });
  });

  it("rounds the percentage to a whole number", () => {
    expect(gradeScore(2, 3, PASS_RATIO)).toEqual({ correct: 2, total: 3, scorePct: 67, passed: false });
    expect(gradeScore(5, 6, PASS_RATIO)).toEqual({ correct: 5, total: 6, scorePct: 83, passed: true });
  });

  it("all right is 100 % and passes, none right is 0 % and fails", () => {
    expect(gradeScore(3, 3, PASS_RATIO)).toMatchObject({ scorePct: 100, passed: true });
    expect(gradeScore(0, 3, PASS_RATIO)).toMatchObject({ scorePct: 0, passed: false });
  });

  it("an empty quiz scores 0 and does not pass", () => {
    expect(gradeScore(0, 0, PASS_RATIO)).toEqual({ correct: 0, total: 0, scorePct: 0, passed: false });
  });
});
