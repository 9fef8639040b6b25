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
  cccd: "can cuoc",
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
  // Southern and spoken forms, and chat shorthand.
  hong: "khong",
  hok: "khong",
  hem: "khong",
  hk: "khong",
  j: "gi",
  bik: "biet",
  bit: "biet",
  vo: "vao",
  zo: "vao",
  dzo: "vao",
  xai: "dung",
  coi: "xem",
  kiu: "bao",
  keu: "bao",
  sanh: "sinh",
  nit: "tre em",
  ng: "nguoi",
  ngta: "nguoi ta",
  sdt: "so dien thoai",
  fb: "facebook",
  face: "facebook",
  bhxh: "bao hiem xa hoi",
  bhyt: "bao hiem y te",
  lltp: "ly lich tu phap",
  pass: "mat khau",
  password: "mat khau",
  tn: "tin nhan",
  sms: "tin nhan",
  online: "truc tuyen",
  onl: "truc tuyen",
  bn: "bao nhieu",
  nhiu: "nhieu",
  haot: "hoat",
  vnied: "vneid",
  vneld: "vneid",
  zl: "zalo",
  hinh: "anh",
  virus: "virut",
  // More chat shorthand, and typos of common words.
  dk: "dang ky",
  đk: "dang ky",
  dky: "dang ky",
  dki: "dang ky",
  dthoai: "dien thoai",
  dtdd: "dien thoai",
  thaoi: "thoai",
  thoaij: "thoai",
  khua: "khau",
  kau: "khau",
  tkhoan: "tai khoan",
  khoang: "khoan",
  nhaan: "nhan",
  hnag: "hang",
  nganhang: "ngan hang",
  bank: "ngan hang",
  banking: "ngan hang",
  acc: "tai khoan",
  nick: "tai khoan",
  nik: "tai khoan",
  ttin: "thong tin",
  trc: "truoc",
  lm: "lam",
  ms: "moi",
  kg: "khong",
  khg: "khong",
  khum: "khong",
  rui: "roi",
  clip: "video",
  vid: "video",
  ytb: "youtube",
  cty: "cong ty",
  sp: "san pham",
  ib: "nhan tin",
  inbox: "nhan tin",
  nt: "nhan tin",
  mess: "tin nhan",
  messenger: "tin nhan",
  smartphone: "dien thoai",
  vnid: "vneid",
  vneic: "vneid",
  vneit: "vneid",
  vssd: "vssid",
  r: "roi",
  csgt: "canh sat giao thong",
  gplx: "bang lai",
  vsid: "vssid",
};

/** Words that carry no meaning for matching a question. */
const STOP = new Set(
  (
    "la gi the nao sao lam cach toi em minh ban co khong duoc cua va voi cho de thi ma nay do o tren trong bi hay nhu can phai nhe a oi roi " +
    // Pronouns, fillers and particles of everyday speech (after tone marks are folded).
    "tui ong ba no ta chi nao gio qua con thang ne nha ha luon cung se da vua nua neu khi hoai ai z v vs ak ah hen ui u chua chao hom bua mot baonhieu congai contrai nguoita homqua homnay ben muon mattieu odau tudau " +
    // More fillers, and joined pairs that only say "what", "this" or where the person lives.
    "nhen nghen thui zay dzay ha cailoai caigi caichi cainay caido cainao luuy landau saigon hanoi binhduong dongnai danang cantho tphcm hcm nghenoi rasao nen xong ni te van nhung chac phut tieng ngay tuan sang chieu toi namnay"
  ).split(" "),
);

/** Words that mean something else once their tone marks are folded ("lúa" is not "lừa"), when typed with them. */
const TONED: Record<string, string> = {
  lúa: "luagao",
  bão: "giobao",
  lửa: "ngonlua",
  mưa: "muatroi",
  // "lạ" (strange, unknown) is not "là" (is), a stop word; "cái" (the) is not "cài" (install); "đâu" is only "where".
  lạ: "kyla",
  cái: "cailoai",
  đâu: "odau",
  chuyện: "cauchuyen",
  mượn: "muonmuon",
  bán: "banban",
  // "giá" (price) is not "giả" (fake).
  giá: "giaca",
  quà: "quatang",
};

/** Unaccented "la" after one of these is "lạ" ("so la", "nguoi la", "link la") unless what follows makes it "là". */
const STRANGE_AFTER = new Set(
  "so nguoi tin nhan link ung dung app tien ma hang may bi web trang duoi tep file nhap yeucau wifi khoan sim dienthoai apk cuoc thiet".split(" "),
);
const IS_BEFORE = new Set("gi j sao ai cai nhu the bao chi do vay v z lua nguoi cua mot".split(" "));

/** Word pairs matched as one term (see joinCompounds); some of them, once joined, are stop words. */
const COMPOUNDS = new Set([
  "yeu cau",
  "xa hoi",
  "ket qua",
  "y te",
  "mat khau",
  "bao cao",
  "tien mat",
  "bao nhieu",
  "man hinh",
  "con gai",
  "con trai",
  "nguoi ta",
  "hom qua",
  "hom nay",
  "mat tieu",
  "dien thoai",
  "o dau",
  "tu dau",
  "vi rut",
  "bao ve",
  "cai gi",
  "cai chi",
  "cai nay",
  "cai do",
  "cai nao",
  "luu y",
  "lan dau",
  "sai gon",
  "ha noi",
  "binh duong",
  "dong nai",
  "da nang",
  "can tho",
  "tp hcm",
  "ke chuyen",
  "can cuoc",
  "khoa hoc",
  "ra sao",
  "ly di",
  "ly hon",
  "noi chuyen",
  "cau chuyen",
  "nam nay",
  "ngan hang",
  "giay to",
  // Words of other subjects, kept whole so that their halves ("giặt", "hơn", "lệ") do not match an entry.
  "tiet kiem",
  "ket hon",
  "may giat",
  "tu lanh",
  "may lanh",
  "dieu hoa",
  "noi com",
  "xe may",
  "mat dien",
  "tien le",
  "le phi",
  "mien trung",
  "mien bac",
  "mien nam",
  "mien tay",
  "thoi tiet",
  "xo so",
  "ve so",
  "bong da",
  "hoc phi",
  "muc 1",
  "muc 2",
  "khuon mat",
  "tri an",
  "tri tue",
  "nghe noi",
]);

/** "vay" is "vậy" (a filler) unless a neighbour makes it "vay" (to borrow): "vay tiền", "cho vay", "vay app". */
const LOAN_NEIGHBOURS = new Set("tien no app von lai nong cho khoan muon online nhanh tin ung ngan qua the".split(" "));

/** Words whose tone marks tell them apart, replaced before the marks are folded; "AI" in capitals spelt out. */
function toned(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\bAI\b/g, " tri tue nhan tao ")
    .replace(/\p{L}+/gu, (w) => TONED[w.toLowerCase()] ?? w);
}

/** The words of a text with tone marks folded, as typed (before shorthand, compounds and stop words). */
export function foldedWords(text: string): string[] {
  return foldVietnamese(text.normalize("NFC"))
    .replace(/[^a-z0-9\s-]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * A word the vocabulary lacks, typed with two letters swapped or one left out ("thnog", "chyuen", "khng"), put
 * right when exactly one known word fits. Words of three letters or fewer are left alone, and a missing letter is
 * looked for only in words of five or more ("tuan" is "tuần", not "thuận").
 */
export function correctTypo(word: string, known: Set<string>): string {
  if (word.length < 4 || known.has(word) || /\d/.test(word)) return word;
  const fits = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    const w = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (known.has(w)) fits.add(w);
  }
  for (let i = 1; i <= word.length && word.length >= 5; i++)
    for (const c of "abcdeghiklmnopqrstuvxy") {
      const w = word.slice(0, i) + c + word.slice(i);
      if (known.has(w)) fits.add(w);
    }
  return fits.size === 1 ? [...fits][0]! : word;
}

export function normalizeTerms(text: string, known?: Set<string>): string[] {
  if (known)
    text = foldedWords(toned(text))
      .map((w) => correctTypo(w, known))
      .join(" ");
  // "AI" in capitals is artificial intelligence; "ai" is "who", a stop word.
  const folded = foldVietnamese(toned(text)).replace(/[^a-z0-9\s-]/g, " ");
  const polite = folded.replace(POLITE, " ");
  // "giá … bao nhiêu", "giá … hôm nay" asks a price, not about a fake.
  const price = /\b(bao nhieu|bn|nhiu|hom nay)\b/.test(polite);
  const words = joinCompounds(rephrase(polite.split(/\s+/).filter(Boolean)).map((w) => (price && w === "gia" ? "giaca" : w)));
  const out: string[] = [];
  words.forEach((w, i) => {
    if (w === "vay" && !LOAN_NEIGHBOURS.has(words[i - 1] ?? "") && !LOAN_NEIGHBOURS.has(words[i + 1] ?? "")) return;
    // An age ("67 tuổi") says nothing about the topic; "mượn 5 triệu" is borrowing.
    if (w === "tuoi" && /^\d+$/.test(words[i - 1] ?? "")) return;
    if (w === "muon" && /^\d/.test(words[i + 1] ?? "")) return void out.push("vay");
    if (w === "ban" && (SELL_NEXT.has(words[i + 1] ?? "") || SELL_PREV.has(words[i - 1] ?? ""))) return void out.push("banban");
    if (w === "la" && STRANGE_AFTER.has(words[i - 1] ?? "") && !IS_BEFORE.has(words[i + 1] ?? "")) return void out.push("kyla");
    for (const t of (ABBREVIATIONS[w] ?? w).split(" ")) if (t) out.push(t);
  });
  return joinCompounds(out).filter((t) => !STOP.has(t));
}

/** How people open and close a message to the OA ("cho tui hỏi", "giúp tui với", "cảm ơn ad"): not part of the question. */
const WHO = "tui|toi|minh|em|con|chau|bac|co|chu|anh|chi|ong|ba|me|ad|ban";
const POLITE = new RegExp(
  `\\b(?:cho (?:(?:${WHO}) )?hoi|xin hoi|muon hoi|hoi (?:chut|xiu|ti|cai)|(?:giup|dum|giup dum) (?:${WHO}|voi)(?: voi)?|xin chao|cam on|ad oi|admin|ad)\\b`,
  "g",
);

/** Word pairs of regional speech said in the words the entries use ("bấm lộn" is "bấm nhầm", "làm răng" is "làm sao"). */
const PHRASES: Record<string, string> = {
  "bam lon": "bam nham",
  "go lon": "go nham",
  "chuyen lon": "chuyen nham",
  "ck lon": "ck nham",
  "lon so": "nham so",
  "lon tay": "nham",
  "lam rang": "lam sao",
  "man rang": "lam sao",
  "cho muon": "cho muonmuon",
  "muon tai": "muonmuon tai",
  "muon stk": "muonmuon stk",
  "muon tk": "muonmuon tk",
  "muon tien": "vay tien",
  "chac an": "an toan",
  "khoe anh": "dang anh",
  "khoe hinh": "dang anh",
  "qua tang": "quatang",
  "qua tri": "quatang tri",
  "trung qua": "trung quatang",
  "tang qua": "tang quatang",
  "gia re": "giaca re",
  "dat gia": "dat giaca",
  "gia ban": "giaca ban",
  "tinh gia": "tinh giaca",
};

/** Unaccented "ban" is "bán" (to sell) next to one of these, else "bạn" (you), a stop word. */
const SELL_NEXT = new Set("hang nong rau trai online onl truc tren qua tai tk stk thong lai do ca ga heo xoai san sim".split(" "));
const SELL_PREV = new Set("nguoi dang de mua".split(" "));

function rephrase(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = PHRASES[`${words[i]} ${words[i + 1]}`];
    if (pair && i + 1 < words.length) {
      out.push(...pair.split(" "));
      i++;
    } else out.push(words[i]!);
  }
  return out;
}

/**
 * "nói chuyển khoản" is not "nói chuyện", "mất điện thoại" is not "mất điện": a pair whose second word starts one of
 * these, or another pair, is left apart.
 */
const SENDS = new Set(["chuyen khoan", "chuyen tien", "chuyen nham", "chuyen sang", "chuyen qua", "chuyen vao", "chuyen lai", "chuyen cho"]);

/** Two-word terms whose halves mean something else alone ("yêu cầu" is not "yêu", "xã hội" is not "xã"). */
function joinCompounds(words: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = `${words[i + 1]} ${words[i + 2]}`;
    if (i + 1 < words.length && COMPOUNDS.has(`${words[i]} ${words[i + 1]}`) && !SENDS.has(next) && !COMPOUNDS.has(next)) joined.push(words[i]! + words[++i]!);
    else joined.push(words[i]!);
  }
  return joined;
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
  /** The same search over these entries as well (an area's own Hỏi đáp). */
  withEntries(extra: FaqEntry[]): FaqSearch;
}

/** Coverage weighs each word by how rare it is among the entries; a word found only in an entry's answer counts this much. */
const ANSWER_SHARE = 0.6;
/** Share of the question's weighted words the match must cover. */
const MIN_COVERAGE = 0.55;
/** A question of one or two meaningful words must be covered almost whole, by the entry's question or variants. */
const MIN_COVERAGE_SHORT = 0.9;
const MIN_SCORE = 4;
/** A runner-up scoring at least this share of the best one is close enough that the person is asked which they mean. */
const CLOSE_RATIO = 0.65;
/** Apps and platforms a question may name: an entry that names another one and never this one is about something else. */
const APPS = ["zalo", "vneid", "vssid", "facebook", "tiktok", "youtube", "shopee", "lazada"];

export function faqSearch(faq: FaqEntry[], lessons: Lesson[]): FaqSearch {
  const tokenize = (text: string) => normalizeTerms(text);
  const faqIndex = new MiniSearch<{ id: string; question: string; variants: string; answer: string }>({
    fields: ["question", "variants", "answer"],
    storeFields: [],
    tokenize,
    processTerm: (t) => t,
    searchOptions: {
      boost: { question: 3, variants: 3, answer: 0.5 },
      // Words of four letters or fewer are matched exactly: one letter changed makes another everyday word ("nhan",
      // "nham", "ngan", "than"), not a typo.
      fuzzy: (term) => (term.length > 4 ? 0.2 : 0),
      prefix: (term) => term.length > 3,
      combineWith: "OR",
    },
  });
  faqIndex.addAll(faq.map((e) => ({ id: e.id, question: e.question, variants: e.variants.join(" . "), answer: e.answer })));
  const byId = new Map(faq.map((e) => [e.id, e]));
  // How many entries use each word: coverage weighs a rare word more than a common one, and a word no entry uses
  // (a word of another subject) most of all.
  const entryCount = new Map<string, number>();
  for (const e of faq)
    for (const t of new Set(normalizeTerms([e.question, ...e.variants, e.answer].join(" ")))) entryCount.set(t, (entryCount.get(t) ?? 0) + 1);
  const appsOf = new Map(
    faq.map((e) => {
      const inAll = new Set(normalizeTerms([e.question, ...e.variants, e.answer].join(" ")));
      const inAsked = new Set(normalizeTerms([e.question, ...e.variants].join(" ")));
      return [e.id, { named: new Set(APPS.filter((a) => inAll.has(a))), asked: new Set(APPS.filter((a) => inAsked.has(a))) }];
    }),
  );
  const weight = (t: string) => Math.log(1 + faq.length / (1 + (entryCount.get(t) ?? 0)));

  const lessonIndex = new MiniSearch<{ id: string; title: string; summary: string; body: string }>({
    fields: ["title", "summary", "body"],
    storeFields: [],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { boost: { title: 3, summary: 2, body: 1 }, fuzzy: 0.2, prefix: true },
  });
  lessonIndex.addAll(lessons.map((l) => ({ id: l.id, title: l.title, summary: l.summary, body: l.keySteps.join(" ") })));
  const lessonById = new Map(lessons.map((l) => [l.id, l]));

  // Every word the entries use as typed, and the shorthand and fillers this file knows: a question's word that is
  // none of them may be a typo of one.
  const known = new Set<string>([...STOP, ...Object.keys(ABBREVIATIONS), ...Object.keys(PHRASES).flatMap((p) => p.split(" "))]);
  for (const e of faq) for (const w of foldedWords(toned([e.question, ...e.variants, e.answer].join(" ")))) known.add(w);
  for (const l of lessons)
    for (const w of foldedWords(toned([l.title, l.summary, ...l.keySteps, ...l.steps.flatMap((s) => [s.title, s.text, s.note ?? ""])].join(" ")))) known.add(w);
  // An amount or an age ("500k", "67") that no entry mentions says nothing about the topic; a one- or two-digit
  // number ("2 triệu", "1 tháng") says little either.
  const meaningful = (question: string) =>
    [...new Set(normalizeTerms(question, known))].filter((t) => !/^\d+k?$/.test(t) || (t.length > 2 && entryCount.has(t)));

  /** The best two candidates, each with its coverage. */
  function candidates(question: string, n: number): FaqMatch[] {
    const terms = meaningful(question);
    if (terms.length === 0) return [];
    // An entry about another app ("kích hoạt VNeID" for a question about VssID) is not a match, however many
    // other words it shares.
    const apps = APPS.filter((a) => terms.includes(a));
    const otherApp = (id: string) => {
      const e = appsOf.get(id)!;
      return apps.some((a) => !e.named.has(a)) && [...e.asked].some((a) => !apps.includes(a));
    };
    // The question's meaningful words, each once: a word said twice does not make an entry that has it twice closer.
    const query = terms.join(" ");
    const asIs = { tokenize: (q: string) => q.split(" ") };
    const top = faqIndex
      .search(query, asIs)
      .filter((r) => !otherApp(String(r.id)))
      .slice(0, n);
    if (!top.length) return [];
    // Fuzzy matching finds the candidates; coverage counts only words matched exactly or by a long prefix, so that
    // "gia vang" is not taken for "giả" + "vàng"-like words. One typo in three words still passes.
    const exact = { fuzzy: false, prefix: (t: string) => t.length > 4 };
    const strict = faqIndex.search(query, { ...asIs, ...exact });
    const inQuestion = faqIndex.search(query, { ...asIs, ...exact, fields: ["question", "variants"] });
    const total = terms.reduce((sum, t) => sum + weight(t), 0);
    return top.map((r) => {
      const inAll = new Set(strict.find((x) => x.id === r.id)?.queryTerms ?? []);
      const inAsked = new Set(inQuestion.find((x) => x.id === r.id)?.queryTerms ?? []);
      // A word found in the entry's question or variants counts fully; one found only in its answer counts less.
      const share = (t: string) => (inAsked.has(t) ? 1 : inAll.has(t) ? ANSWER_SHARE : 0);
      const found = terms.reduce((sum, t) => sum + weight(t) * share(t), 0);
      return { entry: byId.get(String(r.id))!, score: r.score, coverage: found / total };
    });
  }
  const confident = (m: FaqMatch | undefined, terms = 3): m is FaqMatch =>
    !!m && m.coverage >= (terms <= 2 ? MIN_COVERAGE_SHORT : MIN_COVERAGE) && m.score >= MIN_SCORE;
  const termCount = (question: string) => meaningful(question).length;
  const best = (question: string) => candidates(question, 1)[0] ?? null;

  return {
    best,
    answer(question) {
      const m = best(question);
      return confident(m ?? undefined, termCount(question)) ? m : null;
    },
    reply(question) {
      const [first, second] = candidates(question, 2);
      const n = termCount(question);
      if (!confident(first, n)) return { kind: "none", best: first ?? null };
      // Two entries about as close: asking costs a tap, a confident answer about the other one can do harm.
      if (confident(second, n) && second.score >= CLOSE_RATIO * first.score) return { kind: "choose", matches: [first, second] };
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
    withEntries: (extra) => faqSearch([...faq, ...extra], lessons),
  };
}
