import { useState } from "react";
import { Button } from "zmp-ui";
import type { z } from "zod";
import { vietnamDateTime } from "../../../../shared/lib/vietnam-time";
import type { questionSchema } from "../../../../shared/schemas/questions";
import type { RoleView } from "../../../../shared/schemas/admin";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { num } from "../../admin/format";
import { useLoad } from "../../lib/use-load";
import { Card } from "../../components/card";
import { AnswerForm } from "./answer-form";
import { draftOf, FaqForm } from "./faq-form";

type Question = z.infer<typeof questionSchema>;

const STATE_TEXT: Record<NonNullable<Question["answer"]>["state"], string> = {
  sent: "Đã gửi tới người dân qua OA.",
  held: "Đang chờ: Zalo chưa cho gửi lúc này. Người dân nhận được khi nhắn OA lần tới, hoặc xem trong mục Tin mới.",
  read: "Người dân đã xem trong mục Tin mới.",
  cancelled: "Không gửi được: người dân đã xóa dữ liệu của mình.",
};

function StatsLine({ reloadKey }: { reloadKey: number }) {
  const stats = useLoad(() => adminApi.questionStats(), [reloadKey]);
  const s = stats.data;
  if (!s) return null;
  return (
    <dl className="question-stats" aria-label="Thống kê câu hỏi">
      <dt>Người dân đã hỏi chatbot</dt>
      <dd>{num(s.asked)}</dd>
      <dt>Chatbot tự trả lời</dt>
      <dd>{num(s.answeredByBot)}</dd>
      <dt>Cán bộ đã trả lời</dt>
      <dd>{num(s.answeredByOfficials)}</dd>
      <dt>Đang chờ trả lời</dt>
      <dd>{num(s.waiting)}</dd>
      <dt>Thời gian trả lời (trung vị)</dt>
      <dd>{s.medianHoursToAnswer === null ? "—" : `${s.medianHoursToAnswer.toLocaleString("vi-VN")} giờ`}</dd>
    </dl>
  );
}

function AddToFaq({ q, canProvince, onSaved }: { q: Question; canProvince: boolean; onSaved(): void }) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<"commune" | "province">("commune");
  if (!open)
    return (
      <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
        Thêm vào Hỏi đáp
      </Button>
    );
  const scopePicker =
    canProvince && q.communeCode ? (
      <fieldset className="field">
        <legend className="field__label">Dùng cho</legend>
        <label>
          <input type="radio" name={`scope-${q.id}`} checked={scope === "commune"} onChange={() => setScope("commune")} /> Người dân{" "}
          {q.communeName ?? "xã/phường này"}
        </label>
        <label>
          <input type="radio" name={`scope-${q.id}`} checked={scope === "province"} onChange={() => setScope("province")} /> Người dân cả tỉnh
        </label>
      </fieldset>
    ) : null;
  return (
    <FaqForm
      idPrefix={`faq-${q.id}`}
      initial={{ question: "", answer: q.answer?.text ?? "", variants: q.text.slice(0, 200) }}
      submitLabel="Lưu vào Hỏi đáp"
      extra={scopePicker}
      onCancel={() => setOpen(false)}
      onSubmit={async (v) => {
        await adminApi.addToFaq(q.id, { ...draftOf(v), scope });
        setOpen(false);
        onSaved();
      }}
    />
  );
}

function QuestionItem({
  q,
  canProvince,
  onChanged,
  onAnswered,
  onFaqAdded,
}: {
  q: Question;
  canProvince: boolean;
  onChanged(): void;
  onAnswered(): void;
  onFaqAdded(): void;
}) {
  const [answering, setAnswering] = useState(false);
  return (
    <li className="question-item">
      <p className="question-item__text">“{q.text}”</p>
      <p className="question-item__meta">
        <span>{q.communeName ?? "Chưa chọn xã/phường"}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={q.askedAt}>{vietnamDateTime(q.askedAt)}</time>
      </p>
      {q.answer ? (
        <>
          <p className="question-item__answer">
            <strong>{q.answer.answeredBy}:</strong> {q.answer.text}
          </p>
          <p className="question-item__state" role="status">
            {STATE_TEXT[q.answer.state]}
          </p>
          {q.answer.faqEntryId ? (
            <p className="question-item__state">Đã thêm vào Hỏi đáp của khu vực.</p>
          ) : (
            <AddToFaq
              q={q}
              canProvince={canProvince}
              onSaved={() => {
                onChanged();
                onFaqAdded();
              }}
            />
          )}
        </>
      ) : answering ? (
        <AnswerForm questionId={q.id} onDone={onAnswered} />
      ) : (
        <Button size="small" onClick={() => setAnswering(true)}>
          Trả lời
        </Button>
      )}
    </li>
  );
}

/** The questions the chatbot could not answer confidently, asked in my area: answer them, add them to the Hỏi đáp. */
export function QuestionsCard({ official, roles, onFaqAdded }: { official: boolean; roles: RoleView[]; onFaqAdded(): void }) {
  const [which, setWhich] = useState<"open" | "answered">("open");
  const [reloadKey, setReloadKey] = useState(0);
  const questions = useLoad(official ? () => adminApi.questions(which) : null, [official, which, reloadKey]);
  const list = questions.data?.questions ?? [];
  const canProvince = roles.some((r) => r.role !== "commune_official");
  const changed = () => setReloadKey((k) => k + 1);
  return (
    <Card id="questions-title" title="Câu hỏi của người dân">
      <p className="admin-hint">Người dân đã hỏi chatbot những câu này mà chatbot chưa trả lời chắc chắn. Câu trả lời của bạn được gửi tới người hỏi qua OA.</p>
      {official ? <StatsLine reloadKey={reloadKey} /> : null}
      <div className="segmented" role="group" aria-label="Loại câu hỏi">
        <Button size="small" variant={which === "open" ? "primary" : "tertiary"} aria-pressed={which === "open"} onClick={() => setWhich("open")}>
          Chờ trả lời
        </Button>
        <Button size="small" variant={which === "answered" ? "primary" : "tertiary"} aria-pressed={which === "answered"} onClick={() => setWhich("answered")}>
          Đã trả lời
        </Button>
      </div>
      {questions.status === "loading" && !questions.data ? <p role="status">Đang tải câu hỏi…</p> : null}
      {questions.status === "error" ? <ErrorBox message={adminErrorText(questions.error)} /> : null}
      {questions.data && list.length === 0 ? (
        <p className="empty-note">{which === "open" ? "Chưa có câu hỏi nào cần trả lời." : "Chưa trả lời câu hỏi nào."}</p>
      ) : null}
      {list.length > 0 ? (
        <ul className="question-list">
          {list.map((q) => (
            <QuestionItem
              key={q.id}
              q={q}
              canProvince={canProvince}
              onChanged={changed}
              onFaqAdded={onFaqAdded}
              onAnswered={() => {
                setWhich("answered");
                changed();
              }}
            />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
