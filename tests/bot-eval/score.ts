import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import type { FaqReply, FaqSearch } from "../../bot-server/src/services/dialogue/faq-search.js";

/** The bot question sets (tests/fixtures/bot-questions): dev is for tuning, held-out only for measuring. */
export type QuestionSet = "dev" | "held-out";

const itemSchema = z.strictObject({ q: z.string().min(1), expect: z.array(z.string()), note: z.string().optional() });
export type EvalItem = z.infer<typeof itemSchema>;

export function loadQuestionSet(set: QuestionSet): EvalItem[] {
  const file = fileURLToPath(new URL(`../fixtures/bot-questions/${set}.yaml`, import.meta.url));
  return z.array(itemSchema).parse(parse(readFileSync(file, "utf8")));
}

export type Verdict = "on-topic" | "confident-wrong" | "no-answer";

/**
 * How one reply fares. On topic: an expected entry answered, or among the two the bot asks the person to choose
 * from, or — for a question out of the bot's scope — no answer. Confident-wrong: an answer (or a choice) that helps
 * with none of the expected topics. No answer: the bot said it did not know a question it should have answered.
 */
export function verdict(item: EvalItem, r: FaqReply): Verdict {
  const ids = r.kind === "answer" ? [r.match.entry.id] : r.kind === "choose" ? r.matches.map((m) => m.entry.id) : [];
  if (ids.length === 0) return item.expect.length === 0 ? "on-topic" : "no-answer";
  return ids.some((id) => item.expect.includes(id)) ? "on-topic" : "confident-wrong";
}

export interface Score {
  n: number;
  onTopicPct: number;
  confidentWrongPct: number;
  noAnswerPct: number;
  /** Replies that asked which of two entries was meant. */
  choosePct: number;
  misses: { q: string; expect: string[]; got: string[]; verdict: Verdict }[];
}

export function score(faq: FaqSearch, items: EvalItem[]): Score {
  const counts = { "on-topic": 0, "confident-wrong": 0, "no-answer": 0 };
  let choose = 0;
  const misses: Score["misses"] = [];
  for (const item of items) {
    const r = faq.reply(item.q);
    if (r.kind === "choose") choose++;
    const v = verdict(item, r);
    counts[v]++;
    if (v !== "on-topic") {
      const got = r.kind === "answer" ? [r.match.entry.id] : r.kind === "choose" ? r.matches.map((m) => m.entry.id) : [];
      misses.push({ q: item.q, expect: item.expect, got, verdict: v });
    }
  }
  const pct = (x: number) => Math.round((x / items.length) * 1000) / 10;
  return {
    n: items.length,
    onTopicPct: pct(counts["on-topic"]),
    confidentWrongPct: pct(counts["confident-wrong"]),
    noAnswerPct: pct(counts["no-answer"]),
    choosePct: pct(choose),
    misses,
  };
}
