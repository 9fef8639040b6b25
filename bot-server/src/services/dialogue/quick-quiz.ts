import type { Lesson, Question } from "../../../../shared/schemas/content.js";
import { correctAnswer } from "../../../../shared/lib/grading.js";
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
  return { mode: "quiz", items: picked, index: 0, correct: 0 };
}

function lookup(catalog: CourseCatalog, item: QuizState["items"][number]) {
  const lesson = catalog.lesson(item.lessonId);
  const q = lesson && catalog.question(lesson, item.questionId);
  return lesson && q ? { lesson, q } : null;
}

export function questionMessage(catalog: CourseCatalog, s: QuizState): OaMessage {
  const found = lookup(catalog, s.items[s.index]!);
  if (!found) return { text: T.menu };
  const { q } = found;
  const lines = q.options.map((o, i) => `${LETTERS[i]}. ${o.text}`);
  return withButtons(
    `Câu ${s.index + 1}/${s.items.length}: ${q.prompt}\n\n${lines.join("\n")}`,
    q.options.map((o, i) => hide(q.kind === "true-false" ? o.text : LETTERS[i]!, `#tl:${i}`)),
  );
}

/** Reads "#tl:1", "b", "B", "2" or "đúng"/"sai" as an option index. */
export function parseChoice(text: string, q: Question): number | null {
  const t = text.trim().toLowerCase();
  const m = /^#tl:(\d)$/.exec(t);
  if (m) return Number(m[1]);
  const letter = LETTERS.findIndex((l) => l.toLowerCase() === t.replace(/[.)]$/, ""));
  if (letter >= 0 && letter < q.options.length) return letter;
  if (/^\d$/.test(t) && Number(t) >= 1 && Number(t) <= q.options.length) return Number(t) - 1;
  const byText = q.options.findIndex((o) => o.text.toLowerCase() === t);
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
  const choice = parseChoice(text, q);
  if (choice === null || choice >= q.options.length) return null;
  const right = correctAnswer(q)[0]!;
  const ok = choice === right;
  const chosen = q.options[choice]!;
  const verdict = ok
    ? `Đúng rồi! ${chosen.explain}`
    : `Chưa đúng. ${chosen.explain}\nĐáp án đúng: ${LETTERS[right]}. ${q.options[right]!.text} — ${q.options[right]!.explain}`;
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
