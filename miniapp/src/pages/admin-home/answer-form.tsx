import { useState } from "react";
import { Button } from "zmp-ui";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { Field } from "../../components/field";

const MIN = 10;
const MAX = 1000;

/** An official's answer to one question: sent to the resident through the OA when Zalo allows, else held for them. */
export function AnswerForm({ questionId, onDone }: { questionId: number; onDone(): void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const t = text.trim();
    if (t.length < MIN) return setError(`Câu trả lời cần ít nhất ${MIN} ký tự.`);
    setBusy(true);
    setError(null);
    try {
      await adminApi.answerQuestion(questionId, t);
      onDone();
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const id = `answer-${questionId}`;
  return (
    <div className="answer-form">
      <Field
        id={id}
        label="Câu trả lời gửi người dân"
        hint="Người dân thấy tên xã/phường (hoặc tỉnh) của bạn, không thấy tên bạn. Viết câu ngắn, dễ hiểu."
        counter={{ text: `${text.trim().length}/${MAX} ký tự`, over: text.trim().length > MAX }}
        error={error}
      >
        {(described) => (
          <textarea
            className="field__input field__textarea"
            rows={5}
            value={text}
            maxLength={MAX + 50}
            onChange={(e) => setText(e.target.value)}
            {...described}
          />
        )}
      </Field>
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void send()}>
        Gửi câu trả lời
      </Button>
    </div>
  );
}
