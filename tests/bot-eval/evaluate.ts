/**
 * npm run bot:eval [dev|held-out] — how the chatbot's Hỏi đáp answers the resident question sets. Tune only on dev
 * (it lists the misses); held-out prints its figures alone, so that it stays a measure and never becomes a target.
 */
import { loadCourseOrThrow } from "../../shared/content-loader.js";
import { faqSearch } from "../../bot-server/src/services/dialogue/faq-search.js";
import { loadQuestionSet, score, type QuestionSet } from "./score.js";

const set = (process.argv[2] ?? "dev") as QuestionSet;
if (set !== "dev" && set !== "held-out") throw new Error("usage: npm run bot:eval [dev|held-out]");
const course = loadCourseOrThrow();
const s = score(faqSearch(course.faq, course.lessons), loadQuestionSet(set));
if (set === "dev")
  for (const m of s.misses)
    console.log(`${m.verdict.padEnd(15)} ${JSON.stringify(m.q)} expected ${m.expect.join("|") || "(none)"} got ${m.got.join("|") || "(none)"}`);
const { misses: _misses, ...figures } = s;
console.log(JSON.stringify({ set, ...figures }));
