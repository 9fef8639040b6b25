import { describe, expect, it } from "vitest";
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { faqSearch } from "../../bot-server/src/services/dialogue/faq-search.js";
import { loadQuestionSet, score, verdict } from "../bot-eval/score.js";

/**
 * How the chatbot answers what residents really ask (tests/fixtures/bot-questions, written apart from the Hỏi đáp
 * before any tuning). The held-out half was never tuned on: it is the measure. npm run bot:eval dev lists misses.
 */
const course = loadCourseOrThrow();
const faq = faqSearch(course.faq, course.lessons);

describe("the chatbot on residents' questions", () => {
  // The target is 90 % on topic and under 3 % confident-wrong. Measured at stop 19 after tuning on dev: 66.7 % and
  // 9.4 % (before tuning: 49.1 % and 17 %). Until the target is met this holds what was reached, so that a change
  // that makes the bot worse on questions it was not tuned on fails; raise the figures as the bot gets better.
  it("the held-out set: no worse than measured (66.7 % on topic, 9.4 % confident-wrong); the target is 90 % and 3 %", () => {
    const s = score(faq, loadQuestionSet("held-out"));
    expect(s.n).toBeGreaterThanOrEqual(75);
    expect(s.onTopicPct).toBeGreaterThanOrEqual(66.7);
    expect(s.confidentWrongPct).toBeLessThanOrEqual(9.4);
  });

  it("both sets label only topics the Hỏi đáp has", () => {
    const ids = new Set(course.faq.map((e) => e.id));
    for (const set of ["dev", "held-out"] as const)
      for (const item of loadQuestionSet(set)) for (const id of item.expect) expect(ids, `${set}: ${item.q}`).toContain(id);
  });

  it("scores a reply as the person would: the expected entry, a choice that includes it, or silence out of scope", () => {
    const e = course.faq[0]!;
    const m = { entry: e, score: 10, coverage: 1 };
    const other = { entry: course.faq[1]!, score: 9, coverage: 1 };
    expect(verdict({ q: "x", expect: [e.id] }, { kind: "answer", match: m })).toBe("on-topic");
    expect(verdict({ q: "x", expect: [e.id] }, { kind: "choose", matches: [other, m] })).toBe("on-topic");
    expect(verdict({ q: "x", expect: [e.id] }, { kind: "answer", match: other })).toBe("confident-wrong");
    expect(verdict({ q: "x", expect: [] }, { kind: "answer", match: m })).toBe("confident-wrong");
    expect(verdict({ q: "x", expect: [] }, { kind: "none", best: null })).toBe("on-topic");
    expect(verdict({ q: "x", expect: [e.id] }, { kind: "none", best: m })).toBe("no-answer");
  });
});
