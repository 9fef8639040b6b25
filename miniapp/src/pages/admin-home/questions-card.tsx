import { vietnamDateTime } from "../../../../shared/lib/vietnam-time";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { useLoad } from "../../lib/use-load";
import { Card } from "../../components/card";

/** The questions the chatbot could not answer confidently, asked in my area. */
export function QuestionsCard({ official }: { official: boolean }) {
  const questions = useLoad(official ? () => adminApi.questions() : null, [official]);
  const list = questions.data?.questions ?? [];
  return (
    <Card id="questions-title" title="Câu hỏi chưa trả lời">
      <p className="admin-hint">Người dân đã hỏi chatbot những câu này mà chatbot chưa trả lời chắc chắn.</p>
      {questions.status === "loading" ? <p role="status">Đang tải câu hỏi…</p> : null}
      {questions.status === "error" ? <ErrorBox message={adminErrorText(questions.error)} /> : null}
      {questions.status === "ready" && list.length === 0 ? <p className="empty-note">Chưa có câu hỏi nào cần trả lời.</p> : null}
      {questions.status === "ready" && list.length > 0 ? (
        <ul className="question-list">
          {list.map((q) => (
            <li key={q.id} className="question-item">
              <p className="question-item__text">“{q.text}”</p>
              <p className="question-item__meta">
                <span>{q.communeName ?? "Chưa chọn xã/phường"}</span>
                <span aria-hidden="true"> · </span>
                <time dateTime={q.askedAt}>{vietnamDateTime(q.askedAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
