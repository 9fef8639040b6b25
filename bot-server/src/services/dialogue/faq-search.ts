import MiniSearch from "minisearch";
import type { FaqEntry, Lesson } from "../../../../shared/schemas/content.js";
import { foldVietnamese } from "../../../../shared/lib/text.js";

/** Shorthand residents type, expanded before matching (after tone marks are folded). */
const ABBREVIATIONS: Record<string, string> = {
  dvc: "dich vu cong",
  dvctt: "dich vu cong truc tuyen",
  ck: "chuyen khoan",
  stk: "so tai khoan",
  tk: "tai khoan",
  mk: "mat khau",
  cccd: "can cuoc cong dan",
  cmnd: "chung minh nhan dan",
  dt: "dien thoai",
  dth: "dien thoai",
  đt: "dien thoai",
  ko: "khong",
  k: "khong",
  kh: "khong",
  dc: "duoc",
  đc: "duoc",
  ntn: "nhu the nao",
  sao: "sao",
  tmdt: "thuong mai dien tu",
  pakn: "phan anh kien nghi",
  nh: "ngan hang",
  qr: "qr",
  otp: "otp",
  app: "ung dung",
  vneid: "vneid",
  zalo: "zalo",
  wifi: "wifi",
  "wi-fi": "wifi",
};

/** Words that carry no meaning for matching a question. */
const STOP = new Set(
  "la gi the nao sao lam cach toi em minh ban co khong duoc cua va voi cho de thi ma nay do o tren trong bi hay nhu can phai nhe a oi roi".split(" "),
);

export function normalizeTerms(text: string): string[] {
  const folded = foldVietnamese(text).replace(/[^a-z0-9\s-]/g, " ");
  const out: string[] = [];
  for (const w of folded.split(/\s+/)) {
    if (!w) continue;
    const expanded = ABBREVIATIONS[w] ?? w;
    for (const t of expanded.split(" ")) if (t && !STOP.has(t)) out.push(t);
  }
  return out;
}

export interface FaqMatch {
  entry: FaqEntry;
  score: number;
  /** Share of the question's meaningful words found in the match (0–1). */
  coverage: number;
}

/** What the bot does with a question: answer it, ask which of two close entries the person means, or say it does not know. */
export type FaqReply = { kind: "answer"; match: FaqMatch } | { kind: "choose"; matches: [FaqMatch, FaqMatch] } | { kind: "none"; best: FaqMatch | null };

export interface FaqSearch {
  /** The best answer when it is confident enough, else null. */
  answer(question: string): FaqMatch | null;
  reply(question: string): FaqReply;
  entry(id: string): FaqEntry | undefined;
  best(question: string): FaqMatch | null;
  /** The lessons closest to a question, for when no answer is confident. */
  closestLessons(question: string, n: number): Lesson[];
}

const MIN_COVERAGE = 0.6;
const MIN_SCORE = 4;
/** A runner-up scoring at least this share of the best one is close enough that the person is asked which they mean. */
const CLOSE_RATIO = 0.85;

export function faqSearch(faq: FaqEntry[], lessons: Lesson[]): FaqSearch {
  const tokenize = (text: string) => normalizeTerms(text);
  const faqIndex = new MiniSearch<{ id: string; question: string; variants: string; answer: string }>({
    fields: ["question", "variants", "answer"],
    storeFields: [],
    tokenize,
    processTerm: (t) => t,
    searchOptions: {
      boost: { question: 3, variants: 3, answer: 0.5 },
      fuzzy: (term) => (term.length > 4 ? 0.2 : term.length > 3 ? 1 : 0),
      prefix: (term) => term.length > 3,
      combineWith: "OR",
    },
  });
  faqIndex.addAll(faq.map((e) => ({ id: e.id, question: e.question, variants: e.variants.join(" . "), answer: e.answer })));
  const byId = new Map(faq.map((e) => [e.id, e]));

  const lessonIndex = new MiniSearch<{ id: string; title: string; summary: string; body: string }>({
    fields: ["title", "summary", "body"],
    storeFields: [],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { boost: { title: 3, summary: 2, body: 1 }, fuzzy: 0.2, prefix: true },
  });
  lessonIndex.addAll(lessons.map((l) => ({ id: l.id, title: l.title, summary: l.summary, body: l.keySteps.join(" ") })));
  const lessonById = new Map(lessons.map((l) => [l.id, l]));

  /** The best two candidates, each with its coverage. */
  function candidates(question: string, n: number): FaqMatch[] {
    const terms = [...new Set(normalizeTerms(question))];
    if (terms.length === 0) return [];
    const top = faqIndex.search(question).slice(0, n);
    if (!top.length) return [];
    // Fuzzy matching finds the candidates; coverage counts only words matched exactly or by a long prefix, so that
    // "gia vang" is not taken for "giả" + "vàng"-like words. One typo in three words still passes.
    const strict = faqIndex.search(question, { fuzzy: false, prefix: (t) => t.length > 4 });
    return top.map((r) => {
      const matched = new Set(strict.find((x) => x.id === r.id)?.queryTerms ?? []);
      return { entry: byId.get(String(r.id))!, score: r.score, coverage: terms.filter((t) => matched.has(t)).length / terms.length };
    });
  }
  const confident = (m: FaqMatch | undefined): m is FaqMatch => !!m && m.coverage >= MIN_COVERAGE && m.score >= MIN_SCORE;
  const best = (question: string) => candidates(question, 1)[0] ?? null;

  return {
    best,
    answer(question) {
      const m = best(question);
      return confident(m ?? undefined) ? m : null;
    },
    reply(question) {
      const [first, second] = candidates(question, 2);
      if (!confident(first)) return { kind: "none", best: first ?? null };
      // Two entries about as close: asking costs a tap, a confident answer about the other one can do harm.
      if (confident(second) && second.score >= CLOSE_RATIO * first.score) return { kind: "choose", matches: [first, second] };
      return { kind: "answer", match: first };
    },
    entry: (id) => byId.get(id),
    closestLessons(question, n) {
      const found = lessonIndex
        .search(question)
        .slice(0, n)
        .map((r) => lessonById.get(String(r.id))!);
      // Nothing matched at all: offer the first lessons of the course rather than nothing.
      return found.length ? found : lessons.slice(0, n);
    },
  };
}
