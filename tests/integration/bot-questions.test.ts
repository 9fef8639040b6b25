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
  // The target is 90 % on topic and under 3 % confident-wrong; it is not met. History: stop 19 tuned on dev and
  // measured the first held-out half at 66.7 % / 9.4 %; stop 20 moved that half into dev, had a new held-out half
  // written apart from the FAQ (175 questions, longer: 17 words on average against dev's 12), measured the stop-19
  // bot on it at 34.3 % / 7.4 %, tuned on dev only, and measured 45.1 % / 9.7 %. Until the target is met this holds
  // what was reached, so that a change that makes the bot worse on questions it was not tuned on fails.
  it("the held-out set: no worse than measured (45.1 % on topic, 9.7 % confident-wrong); the target is 90 % and 3 %", () => {
    const s = score(faq, loadQuestionSet("held-out"));
    expect(s.n).toBeGreaterThanOrEqual(150);
    expect(s.onTopicPct).toBeGreaterThanOrEqual(45.1);
    expect(s.confidentWrongPct).toBeLessThanOrEqual(9.7);
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
