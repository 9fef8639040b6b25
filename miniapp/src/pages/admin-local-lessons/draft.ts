import type { Lesson, OptionSource, QuestionKind, Step } from "../../../../shared/schemas/content";
import type { LocalLessonContent } from "../../../../shared/schemas/local-lesson";
import { optionId } from "../../../../shared/lib/option-id";
import type { FieldProblem } from "../../api/http";

/** What the official is writing: a local lesson's content, kept on the phone until saved. */
export type Draft = LocalLessonContent;
export type DraftStep = Draft["steps"][number];
export type DraftQuestion = Draft["quiz"][number];

export const imagePath = (id: string) => `/api/v1/local-images/${id}.webp`;

const option = (text = "", correct = false): OptionSource => ({ text, explain: "", ...(correct ? { correct: true } : {}) });

export function blankQuestion(kind: QuestionKind, n: number): DraftQuestion {
  const options =
    kind === "true-false"
      ? [option("Đúng", true), option("Sai")]
      : kind === "order"
        ? [option(), option(), option()]
        : [option("", true), option(kind === "multiple" ? "" : "", kind === "multiple"), option()];
  return { id: `q${n}`, kind, prompt: "", options };
}

export function blankDraft(): Draft {
  const step = (): DraftStep => ({ title: "", text: "" });
  return {
    title: "",
    summary: "",
    minutes: 5,
    keySteps: ["", "", ""],
    steps: [step(), step(), step()],
    quiz: [blankQuestion("single", 1), blankQuestion("true-false", 2), blankQuestion("single", 3)],
    competences: [],
    teacherNotes: { show: [""], mistakes: [""], handsOn: "", sources: [""] },
  };
}

/** The shipped sample of the local skill as a start: its words to change, without its drawing (a photo of the commune goes there). */
export function draftFromSample(l: Lesson): Draft {
  return {
    title: l.title,
    summary: l.summary,
    minutes: l.minutes,
    keySteps: [...l.keySteps],
    steps: l.steps.map((s: Step) => ({ title: s.title, text: s.text, ...(s.note ? { note: s.note } : {}) })),
    quiz: l.quiz.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options.map((o) => ({ text: o.text, explain: o.explain, ...(o.correct ? { correct: true } : {}), ...(o.from ? { from: o.from } : {}) })),
    })),
    competences: [...l.competences],
    teacherNotes: l.teacherNotes
      ? { show: [...l.teacherNotes.show], mistakes: [...l.teacherNotes.mistakes], handsOn: l.teacherNotes.handsOn, sources: [...l.teacherNotes.sources] }
      : blankDraft().teacherNotes,
  };
}

const lines = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** What is sent: empty lines dropped, questions numbered in order, optional fields left out when empty. */
export function contentOf(d: Draft): Draft {
  return {
    ...d,
    keySteps: lines(d.keySteps),
    steps: d.steps.map((s) => {
      const { note, image, alt, ...rest } = s;
      return { ...rest, ...(opt(note) ? { note: opt(note) } : {}), ...(image ? { image, alt: alt ?? "" } : {}) };
    }),
    quiz: d.quiz.map((q, i) => ({
      ...q,
      id: `q${i + 1}`,
      options: q.options.map((o) => {
        const { from, correct, ...rest } = o;
        return { ...rest, ...(q.kind !== "order" && correct ? { correct: true } : {}), ...(q.kind === "spot-scam" && opt(from) ? { from: opt(from) } : {}) };
      }),
    })),
    teacherNotes: {
      show: lines(d.teacherNotes.show),
      mistakes: lines(d.teacherNotes.mistakes),
      handsOn: d.teacherNotes.handsOn,
      sources: lines(d.teacherNotes.sources),
    },
  };
}

/** The draft as residents will get it: options with their ids, photos at the server's address. */
export function previewLesson(d: Draft): Lesson {
  const c = contentOf(d);
  return {
    ...c,
    id: "dp-preview",
    skill: "dia-phuong",
    order: 1,
    steps: c.steps.map((s) => (s.image ? { ...s, image: imagePath(s.image) } : s)),
    quiz: c.quiz.map((q) => ({ ...q, options: q.options.map((o) => ({ ...o, id: optionId(o.text, o.from) })) })),
  };
}

/** The problems the server named at this field (its path, "steps.1.text"). */
export function problemsAt(problems: FieldProblem[], path: string): string | null {
  const here = problems.filter((p) => p.path === path).map((p) => p.message);
  return here.length ? here.join(" ") : null;
}
