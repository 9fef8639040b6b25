import { useMemo, useState } from "react";
import { Button } from "zmp-ui";
import type { Question } from "../../../shared/schemas/content";
import { correctAnswer, isCorrect, type Answer } from "../../../shared/lib/grading";
import { displayOrder } from "../../../shared/lib/shuffle";
import { OptionButton } from "./option-button";
import { moved, OrderList } from "./order-list";

interface Props {
  question: Question;
  /** This attempt's seed: the options' shuffled order, the same after a reload. */
  seed: string;
  onAnswered(answer: Answer, correct: boolean): void;
  onNext(): void;
  isLast: boolean;
}

const KIND_HINT: Record<Question["kind"], string> = {
  single: "Chọn một đáp án.",
  "true-false": "Chọn Đúng hoặc Sai.",
  multiple: "Chọn tất cả các đáp án đúng, rồi bấm Kiểm tra.",
  "spot-scam": "Chạm vào mọi tin nhắn lừa đảo, rồi bấm Kiểm tra.",
  order: "Dùng nút mũi tên để xếp các bước theo đúng thứ tự, rồi bấm Kiểm tra.",
};

/** One question: choose, check, see whether it was right and why (every option's explanation). */
export function QuestionView({ question: q, seed, onAnswered, onNext, isLast }: Props) {
  const shown = useMemo(() => displayOrder(q, seed), [q, seed]);
  const byId = useMemo(() => new Map(q.options.map((o) => [o.id, o])), [q]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [order, setOrder] = useState<string[]>(() => shown.map((o) => o.id));
  const [result, setResult] = useState<{ answer: Answer; correct: boolean } | null>(null);
  const expected = useMemo(() => new Set(correctAnswer(q)), [q]);

  const submit = (answer: Answer) => {
    const correct = isCorrect(q, answer);
    setResult({ answer, correct });
    onAnswered(answer, correct);
  };
  const tap = (id: string) => {
    if (result) return;
    if (q.kind === "single" || q.kind === "true-false") submit([id]);
    else setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  };

  return (
    <div className="question">
      <h2 className="question__prompt">{q.prompt}</h2>
      <p className="question__hint">{KIND_HINT[q.kind]}</p>

      {q.kind === "order" ? (
        <OrderList
          order={order}
          textOf={(optId) => byId.get(optId)!.text}
          judged={result ? (optId, pos) => optId === q.options[pos]!.id : undefined}
          onMove={result ? undefined : (pos, delta) => setOrder((o) => moved(o, pos, delta))}
        />
      ) : (
        <ul className="options">
          {shown.map((o) => {
            const picked = result ? result.answer.includes(o.id) : chosen.includes(o.id);
            const state = result ? (expected.has(o.id) ? " is-correct" : picked ? " is-wrong" : "") : "";
            return (
              <li key={o.id}>
                <OptionButton option={o} message={q.kind === "spot-scam"} picked={picked} state={state} disabled={!!result} onClick={() => tap(o.id)} />
              </li>
            );
          })}
        </ul>
      )}

      {!result && q.kind !== "single" && q.kind !== "true-false" ? (
        <Button fullWidth disabled={q.kind !== "order" && chosen.length === 0} onClick={() => submit(q.kind === "order" ? order : chosen)}>
          Kiểm tra
        </Button>
      ) : null}

      {result ? (
        <section className={`feedback ${result.correct ? "feedback--correct" : "feedback--wrong"}`} role="status" aria-live="polite">
          <h3 className="feedback__title">{result.correct ? "Đúng rồi!" : "Chưa đúng"}</h3>
          <ul className="feedback__list">
            {(q.kind === "order" ? q.options : shown).map((o, i) => {
              const mark =
                q.kind === "order"
                  ? `Bước ${i + 1}`
                  : expected.has(o.id)
                    ? q.kind === "spot-scam"
                      ? "Lừa đảo"
                      : "Đúng"
                    : q.kind === "spot-scam"
                      ? "Không lừa đảo"
                      : "Sai";
              const mine = q.kind !== "order" && result.answer.includes(o.id);
              return (
                <li key={o.id} className={mine ? "is-mine" : undefined}>
                  <strong>
                    {mark}
                    {mine ? " (bạn chọn)" : ""}:
                  </strong>{" "}
                  {`${o.text} — `}
                  {o.explain}
                </li>
              );
            })}
          </ul>
          <Button fullWidth onClick={onNext}>
            {isLast ? "Xem kết quả" : "Câu tiếp theo"}
          </Button>
        </section>
      ) : null}
    </div>
  );
}
