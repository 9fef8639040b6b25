import type { AssessmentAttempt } from "../../../shared/schemas/assessment";
import { OptionButton } from "./option-button";
import { moved, OrderList } from "./order-list";

type AttemptQuestion = AssessmentAttempt["questions"][number];

const HINT: Record<AttemptQuestion["kind"], string> = {
  single: "Chọn một đáp án, rồi bấm Câu tiếp theo.",
  "true-false": "Chọn Đúng hoặc Sai, rồi bấm Câu tiếp theo.",
  multiple: "Chọn tất cả các đáp án đúng.",
  "spot-scam": "Chạm vào mọi tin nhắn lừa đảo.",
  order: "Dùng nút mũi tên để xếp các bước theo đúng thứ tự.",
};

interface Props {
  question: AttemptQuestion;
  /** The answer so far: chosen option ids, or for an order question every option in the learner's order. */
  answer: string[];
  onChange(answer: string[]): void;
}

/**
 * One question of a final assessment: the learner chooses and may change their mind; nothing says whether it is
 * right (the server grades the whole attempt). Options come in the attempt's order, shuffled by the server.
 */
export function AnswerPicker({ question: q, answer, onChange }: Props) {
  const one = q.kind === "single" || q.kind === "true-false";
  const tap = (id: string) => onChange(one ? [id] : answer.includes(id) ? answer.filter((x) => x !== id) : [...answer, id]);
  return (
    <div className="question">
      <h2 className="question__prompt">{q.prompt}</h2>
      <p className="question__hint">{HINT[q.kind]}</p>
      {q.kind === "order" ? (
        <OrderList
          order={answer}
          textOf={(id) => q.options.find((o) => o.id === id)?.text ?? ""}
          onMove={(pos, delta) => onChange(moved(answer, pos, delta))}
        />
      ) : (
        <ul className="options">
          {q.options.map((o) => {
            const picked = answer.includes(o.id);
            return (
              <li key={o.id}>
                <OptionButton option={o} message={q.kind === "spot-scam"} picked={picked} onClick={() => tap(o.id)} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Where an answer starts: nothing chosen, or an order question's options as shown. */
export const initialAnswer = (q: AttemptQuestion): string[] => (q.kind === "order" ? q.options.map((o) => o.id) : []);
