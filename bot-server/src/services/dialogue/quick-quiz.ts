import type { Lesson, Question } from "../../../../shared/schemas/content.js";
import { correctAnswer } from "../../../../shared/lib/grading.js";
import { displayOrder } from "../../../../shared/lib/shuffle.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import type { CourseCatalog } from "../course-catalog.js";
import { hide, MENU, url, withButtons } from "./messages.js";
import { T } from "./texts.js";
import type { DialogueState } from "./state.js";

type QuizState = Extract<DialogueState, { mode: "quiz" }>;

const LETTERS = ["A", "B", "C", "D", "E"];
export const QUICK_QUIZ_LENGTH = 3;

/** Questions that fit chat buttons: one answer to tap among at most five. */
function eligible(lessons: Lesson[]): { lesson: Lesson; q: Question }[] {
  return lessons.flatMap((lesson) =>
    lesson.quiz.filter((q) => (q.kind === "single" || q.kind === "true-false") && q.options.length <= 5).map((q) => ({ lesson, q })),
  );
}

export function startQuiz(lessons: Lesson[], random: () => number): QuizState {
  const pool = eligible(lessons);
  const picked: QuizState["items"] = [];
  const used = new Set<number>();
  while (picked.length < Math.min(QUICK_QUIZ_LENGTH, pool.length)) {
    const i = Math.floor(random() * pool.length);
    if (used.has(i) || picked.some((p) => p.lessonId === pool[i]!.lesson.id)) {
      used.add(i);
      if (used.size >= pool.length) break;
      continue;
    }
    used.add(i);
    picked.push({ lessonId: pool[i]!.lesson.id, questionId: pool[i]!.q.id });
  }
  return { mode: "quiz", items: picked, index: 0, correct: 0, seed: Math.floor(random() * 2 ** 32).toString(36) };
}

function lookup(catalog: CourseCatalog, item: QuizState["items"][number]) {
  const lesson = catalog.lesson(item.lessonId);
  const q = lesson && catalog.question(lesson, item.questionId);
  return lesson && q ? { lesson, q } : null;
}

/** The options as this quiz shows them (shuffled by its seed). */
const shown = (q: Question, s: QuizState) => (s.seed ? displayOrder(q, s.seed) : q.options);

export function questionMessage(catalog: CourseCatalog, s: QuizState): OaMessage {
  const found = lookup(catalog, s.items[s.index]!);
  if (!found) return { text: T.menu };
  const { q } = found;
  const options = shown(q, s);
  const lines = options.map((o, i) => `${LETTERS[i]}. ${o.text}`);
  return withButtons(
    `Câu ${s.index + 1}/${s.items.length}: ${q.prompt}\n\n${lines.join("\n")}`,
    options.map((o, i) => hide(q.kind === "true-false" ? o.text : LETTERS[i]!, `#tl:${i}`)),
  );
}

/** Reads "#tl:1", "b", "B", "2" or "đúng"/"sai" as the position of an option among those shown. */
export function parseChoice(text: string, options: Question["options"]): number | null {
  const t = text.trim().toLowerCase();
  const m = /^#tl:(\d)$/.exec(t);
  if (m) return Number(m[1]);
  const letter = LETTERS.findIndex((l) => l.toLowerCase() === t.replace(/[.)]$/, ""));
  if (letter >= 0 && letter < options.length) return letter;
  if (/^\d$/.test(t) && Number(t) >= 1 && Number(t) <= options.length) return Number(t) - 1;
  const byText = options.findIndex((o) => o.text.toLowerCase() === t);
  return byText >= 0 ? byText : null;
}

/** Grades one answer: the verdict with the explanation, then the next question or the final score. */
export function answerQuiz(
  catalog: CourseCatalog,
  s: QuizState,
  text: string,
  lessonUrl: (lessonId: string) => string,
): { replies: OaMessage[]; state: QuizState | null } | null {
  const found = lookup(catalog, s.items[s.index]!);
  if (!found) return null;
  const { q, lesson } = found;
  const options = shown(q, s);
  const choice = parseChoice(text, options);
  if (choice === null || choice >= options.length) return null;
  const rightId = correctAnswer(q)[0]!;
  const right = options.findIndex((o) => o.id === rightId);
  const chosen = options[choice]!;
  const ok = chosen.id === rightId;
  const verdict = ok
    ? `Đúng rồi! ${chosen.explain}`
    : `Chưa đúng. ${chosen.explain}\nĐáp án đúng: ${LETTERS[right]}. ${options[right]!.text} — ${options[right]!.explain}`;
  const next: QuizState = { ...s, index: s.index + 1, correct: s.correct + (ok ? 1 : 0) };
  if (next.index < next.items.length) return { replies: [{ text: verdict }, questionMessage(catalog, next)], state: next };
  return {
    replies: [
      { text: verdict },
      withButtons(T.quizDone(next.correct, next.items.length), [url("Học bài này", lessonUrl(lesson.id)), hide("Làm lại", MENU.quiz), hide("Menu", MENU.menu)]),
    ],
    state: null,
  };
}
