import { describe, expect, it } from "vitest";
import { fixtureCourse } from "../../../../tests/helpers/fixture.js";
import { courseCatalog } from "../course-catalog.js";
import { answerQuiz, questionMessage } from "./quick-quiz.js";

const catalog = courseCatalog(fixtureCourse());
// bat-may q1: a single-choice question of the fixture course with four options, the right one written second.
const lesson = catalog.lesson("bat-may")!;
const q = catalog.question(lesson, "q1")!;
const state = (seed: string) => ({ mode: "quiz" as const, items: [{ lessonId: "bat-may", questionId: "q1" }], index: 0, correct: 0, seed });
const lines = (seed: string) => questionMessage(catalog, state(seed)).text!.split("\n\n")[1]!.split("\n");

describe("the chat's quick quiz", () => {
  it("shows the options shuffled by the quiz's seed, the same order every time it is shown", () => {
    expect(lines("a")).toEqual(lines("a"));
    const letterOfRight = new Set(Array.from({ length: 30 }, (_, i) => lines(`s${i}`).findIndex((l) => l.endsWith(q.options.find((o) => o.correct)!.text))));
    expect(letterOfRight.size).toBeGreaterThan(2);
  });

  it("grades the letter tapped by the option shown under it, not by its place in the lesson", () => {
    for (const seed of ["x", "y", "z", "w"]) {
      const right = lines(seed).findIndex((l) => l.endsWith(q.options.find((o) => o.correct)!.text));
      const r = answerQuiz(catalog, state(seed), "ABCD"[right]!, (id) => `/lesson/${id}`)!;
      expect(r.replies[0]!.text).toMatch(/^Đúng rồi!/);
      const wrong = (right + 1) % q.options.length;
      expect(answerQuiz(catalog, state(seed), `#tl:${wrong}`, (id) => `/lesson/${id}`)!.replies[0]!.text).toMatch(/^Chưa đúng\./);
    }
  });
});
