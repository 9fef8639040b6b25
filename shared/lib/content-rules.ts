import type { AssessmentSource, CompetenceArea, FaqEntry, GlossaryEntry, LessonSource as Lesson, QuestionSource as Question } from "../schemas/content.js";
import { optionId } from "./option-id.js";
import { countWords, varNames } from "./text.js";

export interface PathIssue {
  path: PropertyKey[];
  message: string;
  /** The same problem for an official writing a local lesson in the mini app (lesson rules only). */
  vi?: string;
}

export const WORD_LIMITS = {
  title: 12,
  summary: 30,
  keyStep: 14,
  stepTitle: 12,
  stepText: 60,
  note: 40,
  prompt: 40,
  option: 40,
  explain: 30,
} as const;

export const SVG_MAX_BYTES = 8 * 1024;

/** A decree, circular, decision or law by its number (69/2024/NĐ-CP, 17/2024/TT-NHNN, 2345/QĐ-NHNN, 91/2025/QH15). */
export const LEGAL_NUMBER = /\b\d{1,5}\/(?:\d{4}\/)?(?:NĐ-CP|TT-[A-ZĐ]+|QĐ-[A-ZĐ]+|QH\d+|NQ-[A-ZĐ]+|[A-ZĐ]+-[A-ZĐ]+)\b/u;

const OPTION_COUNTS: Record<Question["kind"], [number, number]> = {
  single: [3, 4],
  multiple: [3, 5],
  "true-false": [2, 2],
  order: [3, 6],
  "spot-scam": [2, 4],
};

function checkQuestion(q: Question, at: PropertyKey[]): PathIssue[] {
  const out: PathIssue[] = [];
  const add = (path: PropertyKey[], message: string, vi: string) => out.push({ path: [...at, ...path], message: `${q.id}: ${message}`, vi });
  const [min, max] = OPTION_COUNTS[q.kind];
  if (q.options.length < min || q.options.length > max)
    add(
      ["options"],
      `${q.kind} needs ${min}–${max} options, has ${q.options.length}`,
      `Loại câu này cần từ ${min} đến ${max} lựa chọn, đang có ${q.options.length}.`,
    );
  const correct = q.options.filter((o) => o.correct).length;
  const wrong = q.options.length - correct;
  switch (q.kind) {
    case "single":
      if (correct !== 1)
        add(["options"], `single needs exactly one correct option, has ${correct}`, `Câu chọn một cần đúng một lựa chọn đúng, đang có ${correct}.`);
      break;
    case "multiple":
      if (correct < 2 || wrong < 1)
        add(
          ["options"],
          "multiple needs at least two correct options and one wrong option",
          "Câu chọn nhiều cần ít nhất hai lựa chọn đúng và một lựa chọn sai.",
        );
      break;
    case "true-false":
      if (q.options[0]?.text !== "Đúng" || q.options[1]?.text !== "Sai")
        add(["options"], 'true-false options must be "Đúng" then "Sai"', "Câu đúng/sai có hai lựa chọn: “Đúng” rồi “Sai”.");
      if (correct !== 1) add(["options"], "true-false needs exactly one correct option", "Câu đúng/sai cần đánh dấu một trong hai là đáp án.");
      break;
    case "order":
      if (q.options.some((o) => o.correct !== undefined))
        add(
          ["options"],
          "order options are written in the right order and take no correct field",
          "Câu sắp xếp: viết các bước theo đúng thứ tự, không đánh dấu đáp án.",
        );
      break;
    case "spot-scam":
      if (correct < 1 || wrong < 1)
        add(
          ["options"],
          "spot-scam needs at least one scam (correct: true) and one genuine message",
          "Câu nhận biết lừa đảo cần ít nhất một tin lừa đảo và một tin thật.",
        );
      break;
  }
  const ids = new Set<string>();
  q.options.forEach((o, i) => {
    if (o.from !== undefined && q.kind !== "spot-scam")
      add(["options", i, "from"], "from is only for spot-scam messages", "Chỉ câu nhận biết lừa đảo mới ghi người gửi.");
    const oid = optionId(o.text, o.from);
    if (ids.has(oid)) add(["options", i, "text"], "two options say the same thing", "Hai lựa chọn giống hệt nhau.");
    ids.add(oid);
  });
  return out;
}

export interface LessonContext {
  fileName: string;
  folder: string;
  skillIds: Set<string>;
  images: Set<string>;
  vars: Record<string, string>;
  /** The competence codes of competences.yaml; empty when it is missing or broken, so every code is then refused. */
  competenceCodes: Set<string>;
}

/** Rules a lesson must follow beyond its schema: file naming, quiz consistency, word budgets, images, markup. */
export function checkLesson(l: Lesson, ctx: LessonContext): PathIssue[] {
  const out: PathIssue[] = [];
  const expectedName = `${String(l.order).padStart(2, "0")}-${l.id}`;
  if (ctx.fileName !== expectedName) out.push({ path: ["id"], message: `file should be named ${expectedName}.yaml (order and id)` });
  if (!ctx.skillIds.has(l.skill)) out.push({ path: ["skill"], message: `unknown skill "${l.skill}"` });
  if (ctx.folder !== l.skill) out.push({ path: ["skill"], message: `lesson of skill "${l.skill}" is in folder "${ctx.folder}"` });
  l.competences.forEach((c, i) => {
    if (!ctx.competenceCodes.has(c))
      out.push({
        path: ["competences", i],
        message: `competences: unknown competence "${c}", not in competences.yaml`,
        vi: `Không có năng lực “${c}” trong khung.`,
      });
    else if (l.competences.indexOf(c) !== i)
      out.push({ path: ["competences", i], message: `competences: "${c}" is listed twice`, vi: `Năng lực “${c}” được chọn hai lần.` });
  });

  const texts: [PropertyKey[], string, number][] = [
    [["title"], l.title, WORD_LIMITS.title],
    [["summary"], l.summary, WORD_LIMITS.summary],
    ...l.keySteps.map((s, i): [PropertyKey[], string, number] => [["keySteps", i], s, WORD_LIMITS.keyStep]),
  ];
  l.steps.forEach((s, i) => {
    texts.push([["steps", i, "title"], s.title, WORD_LIMITS.stepTitle], [["steps", i, "text"], s.text, WORD_LIMITS.stepText]);
    if (s.note) texts.push([["steps", i, "note"], s.note, WORD_LIMITS.note]);
    if (s.alt) texts.push([["steps", i, "alt"], s.alt, WORD_LIMITS.prompt]);
    if (s.image && !ctx.images.has(s.image))
      out.push({ path: ["steps", i, "image"], message: `image ${s.image} does not exist in images/`, vi: "Không tìm thấy ảnh này; hãy tải ảnh lên lại." });
  });
  if (!l.steps.some((s) => s.image))
    out.push({ path: ["steps"], message: "a lesson needs at least one illustration", vi: "Bài học cần ít nhất một bước có ảnh minh họa." });

  const qids = new Set<string>();
  l.quiz.forEach((q, qi) => {
    if (qids.has(q.id)) out.push({ path: ["quiz", qi, "id"], message: `question id ${q.id} is repeated`, vi: `Mã câu hỏi ${q.id} bị lặp.` });
    qids.add(q.id);
    out.push(...checkQuestion(q, ["quiz", qi]));
    texts.push(...questionTexts(q, ["quiz", qi]));
  });

  out.push(...checkTexts(texts, ctx.vars));
  return out;
}

/** What a resident reads: word budgets, no legal-text numbers, no markup or links, known {{vars}}. */
function checkTexts(texts: [PropertyKey[], string, number][], vars: Record<string, string>): PathIssue[] {
  const out: PathIssue[] = [];
  for (const [path, text, limit] of texts) {
    const legal = text.match(LEGAL_NUMBER);
    if (legal)
      out.push({
        path,
        message: `${path.join(".")}: "${legal[0]}" — numbers of legal texts go in teacherNotes.sources, not in what a resident reads`,
        vi: `Số văn bản “${legal[0]}” để ở phần nguồn của ghi chú cho tổ, không đưa vào bài người dân đọc.`,
      });
    const words = countWords(text);
    if (words > limit)
      out.push({ path, message: `${path.join(".")}: ${words} words, the budget is ${limit}`, vi: `${words} từ, tối đa ${limit} từ: hãy viết ngắn lại.` });
    if (/<\/?[a-z!]/i.test(text) || /\]\(/.test(text))
      out.push({ path, message: `${path.join(".")}: no HTML or links in text`, vi: "Không dùng mã HTML hay đường link trong bài." });
    for (const v of varNames(text)) {
      if (!(v in vars)) out.push({ path, message: `${path.join(".")}: unknown variable {{${v}}}`, vi: `Không có biến {{${v}}}.` });
    }
  }
  return out;
}

function questionTexts(q: Question, at: PropertyKey[]): [PropertyKey[], string, number][] {
  return [
    [[...at, "prompt"], q.prompt, WORD_LIMITS.prompt],
    ...q.options.flatMap((o, oi): [PropertyKey[], string, number][] => [
      [[...at, "options", oi, "text"], o.text, WORD_LIMITS.option],
      [[...at, "options", oi, "explain"], o.explain, WORD_LIMITS.explain],
    ]),
  ];
}

export interface AssessmentContext {
  fileName: string;
  skillIds: Set<string>;
  /** The shipped lessons of each skill, by id. */
  lessonSkill: Map<string, string>;
  vars: Record<string, string>;
  competenceCodes: Set<string>;
}

/** A skill's final assessment: its own skill and lessons, known competences, unique ids, questions as lessons', and not a copy of a lesson question. */
export function checkAssessment(a: AssessmentSource, ctx: AssessmentContext, lessonPrompts: Set<string>): PathIssue[] {
  const out: PathIssue[] = [];
  if (ctx.fileName !== a.skill) out.push({ path: ["skill"], message: `file should be named ${a.skill}.yaml` });
  if (!ctx.skillIds.has(a.skill)) out.push({ path: ["skill"], message: `unknown skill "${a.skill}"` });
  const refs = (what: { lesson: string; competences: string[] }, at: PropertyKey[]) => {
    if (ctx.lessonSkill.get(what.lesson) !== a.skill)
      out.push({ path: [...at, "lesson"], message: `lesson "${what.lesson}" is not a shipped lesson of skill ${a.skill}` });
    what.competences.forEach((c, i) => {
      // Without a readable competences.yaml, its own error and the lessons' say so already.
      if (ctx.competenceCodes.size && !ctx.competenceCodes.has(c))
        out.push({ path: [...at, "competences", i], message: `unknown competence "${c}", not in competences.yaml` });
    });
  };
  const texts: [PropertyKey[], string, number][] = [];
  const taskIds = new Set<string>();
  a.tasks.forEach((t, i) => {
    if (taskIds.has(t.id)) out.push({ path: ["tasks", i, "id"], message: `task id ${t.id} is repeated` });
    taskIds.add(t.id);
    refs(t, ["tasks", i]);
    texts.push([["tasks", i, "title"], t.title, WORD_LIMITS.title], [["tasks", i, "watch"], t.watch, WORD_LIMITS.note]);
  });
  const qids = new Set<string>();
  a.questions.forEach((q, i) => {
    if (qids.has(q.id)) out.push({ path: ["questions", i, "id"], message: `question id ${q.id} is repeated` });
    qids.add(q.id);
    refs(q, ["questions", i]);
    out.push(...checkQuestion(q, ["questions", i]));
    if (lessonPrompts.has(q.prompt.trim())) out.push({ path: ["questions", i, "prompt"], message: `${q.id}: the same prompt as a lesson's quiz question` });
    texts.push(...questionTexts(q, ["questions", i]));
  });
  out.push(...checkTexts(texts, ctx.vars));
  return out;
}

export const FAQ_ANSWER_WORDS = 80;

/** Hỏi đáp entries: unique ids, an existing lesson, known variables, and short answers. */
export function checkFaq(entries: FaqEntry[], lessonIds: Set<string>, vars: Record<string, string>): PathIssue[] {
  const out: PathIssue[] = [];
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.id)) out.push({ path: [i, "id"], message: `faq id "${e.id}" is repeated` });
    seen.add(e.id);
    if (!lessonIds.has(e.lesson)) out.push({ path: [i, "lesson"], message: `faq ${e.id}: lesson "${e.lesson}" does not exist` });
    const legal = `${e.question} ${e.answer}`.match(LEGAL_NUMBER);
    if (legal) out.push({ path: [i, "answer"], message: `faq ${e.id}: "${legal[0]}" — numbers of legal texts are not for residents; name the rule plainly` });
    const words = countWords(e.answer);
    if (words > FAQ_ANSWER_WORDS) out.push({ path: [i, "answer"], message: `faq ${e.id}: answer has ${words} words, the budget is ${FAQ_ANSWER_WORDS}` });
    for (const [k, t] of [["question", e.question], ["answer", e.answer], ...e.variants.map((v, j) => [`variants.${j}`, v])] as [string, string][]) {
      if (/<\/?[a-z!]/i.test(t)) out.push({ path: [i, ...k.split(".")], message: `faq ${e.id}: no HTML in ${k}` });
      for (const v of varNames(t)) if (!(v in vars)) out.push({ path: [i, ...k.split(".")], message: `faq ${e.id}: unknown variable {{${v}}}` });
    }
  });
  return out;
}

export const GLOSSARY_DEFINITION_WORDS = 40;

/** Từ ngữ cần biết: unique ids, each spelling belongs to one entry, short plain definitions. */
export function checkGlossary(entries: GlossaryEntry[]): PathIssue[] {
  const out: PathIssue[] = [];
  const ids = new Set<string>();
  const forms = new Map<string, string>();
  entries.forEach((e, i) => {
    if (ids.has(e.id)) out.push({ path: [i, "id"], message: `glossary id "${e.id}" is repeated` });
    ids.add(e.id);
    for (const f of [e.term, ...e.aliases]) {
      const key = f.normalize("NFC").toLocaleLowerCase("vi");
      const other = forms.get(key);
      if (other) out.push({ path: [i, "term"], message: `glossary: "${f}" is already a spelling of "${other}"` });
      forms.set(key, e.id);
    }
    const words = countWords(e.definition);
    if (words > GLOSSARY_DEFINITION_WORDS)
      out.push({ path: [i, "definition"], message: `glossary ${e.id}: ${words} words, the budget is ${GLOSSARY_DEFINITION_WORDS}` });
    if (/<\/?[a-z!]/i.test(e.definition) || /\*\*/.test(e.definition)) out.push({ path: [i, "definition"], message: `glossary ${e.id}: plain text only` });
  });
  return out;
}

/** The resident framework: unique area and competence codes, each competence numbered inside its own area. */
export function checkCompetences(areas: CompetenceArea[]): PathIssue[] {
  const out: PathIssue[] = [];
  const seen = new Set<string>();
  areas.forEach((a, i) => {
    if (seen.has(a.code)) out.push({ path: [i, "code"], message: `area "${a.code}" is repeated` });
    seen.add(a.code);
    a.competences.forEach((c, j) => {
      if (!c.code.startsWith(`${a.code}.`))
        out.push({ path: [i, "competences", j, "code"], message: `competence "${c.code}" is not numbered in area "${a.code}"` });
      if (seen.has(c.code)) out.push({ path: [i, "competences", j, "code"], message: `competence "${c.code}" is repeated` });
      seen.add(c.code);
    });
  });
  return out;
}

export function checkSvg(svg: string, bytes: number): string[] {
  const out: string[] = [];
  if (bytes > SVG_MAX_BYTES) out.push(`SVG is ${bytes} bytes, the limit is ${SVG_MAX_BYTES}`);
  if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg) || !/<\/svg>\s*$/.test(svg)) out.push("not a single <svg> element");
  if (!/viewBox="0 0 320 240"/.test(svg)) out.push('SVG needs viewBox="0 0 320 240"');
  if (/<script|\bon[a-z]+\s*=|<image|<foreignObject|(?:href|src)\s*=\s*["'](?:https?:|data:|\/\/)|@import|url\(\s*["']?https?:/i.test(svg)) {
    out.push("SVG must not contain scripts, event handlers, bitmaps or external references");
  }
  return out;
}
