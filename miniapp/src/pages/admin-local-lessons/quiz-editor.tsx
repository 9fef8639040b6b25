import { Button } from "zmp-ui";
import type { QuestionKind } from "../../../../shared/schemas/content";
import type { FieldProblem } from "../../api/http";
import { Field } from "../../components/field";
import { blankQuestion, problemsAt, type Draft, type DraftQuestion } from "./draft";

const KINDS: [QuestionKind, string][] = [
  ["single", "Chọn một đáp án"],
  ["multiple", "Chọn nhiều đáp án"],
  ["true-false", "Đúng hay sai"],
  ["order", "Sắp xếp các bước"],
  ["spot-scam", "Nhận ra tin lừa đảo"],
];
const MAX_OPTIONS: Record<QuestionKind, number> = { single: 4, multiple: 5, "true-false": 2, order: 6, "spot-scam": 4 };

interface Props {
  quiz: Draft["quiz"];
  problems: FieldProblem[];
  onChange(quiz: Draft["quiz"]): void;
}

function QuestionEditor({ q, at, problems, set }: { q: DraftQuestion; at: string; problems: FieldProblem[]; set(q: DraftQuestion): void }) {
  const setOption = (i: number, p: Partial<DraftQuestion["options"][number]>) =>
    set({ ...q, options: q.options.map((o, j) => (j === i ? { ...o, ...p } : o)) });
  const fixed = q.kind === "true-false";
  return (
    <>
      <Field id={`${at}-kind`} label="Loại câu">
        {(d) => (
          <select
            {...d}
            className="field__input"
            value={q.kind}
            onChange={(e) => set({ ...blankQuestion(e.target.value as QuestionKind, 1), prompt: q.prompt })}
          >
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${at}-prompt`} label="Câu hỏi" error={problemsAt(problems, `${at}.prompt`)}>
        {(d) => <textarea {...d} className="field__input" rows={2} value={q.prompt} onChange={(e) => set({ ...q, prompt: e.target.value })} />}
      </Field>
      {problemsAt(problems, `${at}.options`) ? <p className="field__error">{problemsAt(problems, `${at}.options`)}</p> : null}
      {q.kind === "order" ? <p className="field__hint">Viết các bước theo đúng thứ tự; người học sẽ thấy chúng bị xáo trộn.</p> : null}
      <ol className="local-options">
        {q.options.map((o, i) => {
          const oat = `${at}.options.${i}`;
          return (
            <li key={i}>
              {q.kind === "spot-scam" ? (
                <Field id={`${oat}-from`} label="Người gửi / kênh" error={problemsAt(problems, `${oat}.from`)}>
                  {(d) => <input {...d} className="field__input" value={o.from ?? ""} onChange={(e) => setOption(i, { from: e.target.value })} />}
                </Field>
              ) : null}
              <Field id={`${oat}-text`} label={`Lựa chọn ${i + 1}`} error={problemsAt(problems, `${oat}.text`)}>
                {(d) => <input {...d} className="field__input" value={o.text} readOnly={fixed} onChange={(e) => setOption(i, { text: e.target.value })} />}
              </Field>
              {q.kind !== "order" ? (
                <label className="check">
                  <input
                    type={q.kind === "single" || q.kind === "true-false" ? "radio" : "checkbox"}
                    name={`${at}-correct`}
                    aria-label={`Lựa chọn ${i + 1}: ${q.kind === "spot-scam" ? "là tin lừa đảo" : "là đáp án đúng"}`}
                    checked={!!o.correct}
                    onChange={(e) =>
                      q.kind === "single" || q.kind === "true-false"
                        ? set({ ...q, options: q.options.map((x, j) => ({ ...x, correct: j === i ? true : undefined })) })
                        : setOption(i, { correct: e.target.checked || undefined })
                    }
                  />
                  {q.kind === "spot-scam" ? "Đây là tin lừa đảo" : "Đáp án đúng"}
                </label>
              ) : null}
              <Field id={`${oat}-explain`} label="Giải thích khi chọn ý này" error={problemsAt(problems, `${oat}.explain`)}>
                {(d) => <input {...d} className="field__input" value={o.explain} onChange={(e) => setOption(i, { explain: e.target.value })} />}
              </Field>
              {!fixed && q.options.length > 2 ? (
                <Button size="small" variant="tertiary" onClick={() => set({ ...q, options: q.options.filter((_, j) => j !== i) })}>
                  Xóa lựa chọn {i + 1}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {!fixed && q.options.length < MAX_OPTIONS[q.kind] ? (
        <Button size="small" variant="secondary" onClick={() => set({ ...q, options: [...q.options, { text: "", explain: "" }] })}>
          Thêm lựa chọn
        </Button>
      ) : null}
    </>
  );
}

/** The quiz: 3 to 6 questions of the five kinds, an explanation for every option. */
export function QuizEditor({ quiz, problems, onChange }: Props) {
  return (
    <fieldset className="fieldset">
      <legend>Câu hỏi kiểm tra (3 đến 6)</legend>
      {problemsAt(problems, "quiz") ? <p className="field__error">{problemsAt(problems, "quiz")}</p> : null}
      {quiz.map((q, i) => (
        <div key={i} className="local-step">
          <h3 className="local-step__title">Câu hỏi {i + 1}</h3>
          <QuestionEditor q={q} at={`quiz.${i}`} problems={problems} set={(nq) => onChange(quiz.map((x, j) => (j === i ? nq : x)))} />
          {quiz.length > 3 ? (
            <Button size="small" variant="tertiary" onClick={() => onChange(quiz.filter((_, j) => j !== i))}>
              Xóa câu hỏi {i + 1}
            </Button>
          ) : null}
        </div>
      ))}
      {quiz.length < 6 ? (
        <Button size="small" variant="secondary" onClick={() => onChange([...quiz, blankQuestion("single", quiz.length + 1)])}>
          Thêm câu hỏi
        </Button>
      ) : null}
    </fieldset>
  );
}
