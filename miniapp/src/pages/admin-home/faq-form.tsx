import { useState } from "react";
import { Button } from "zmp-ui";
import type { AreaFaqDraft } from "../../../../shared/schemas/questions";
import { adminErrorText } from "../../api/error-text";
import { ErrorBox } from "../../admin/error-box";
import { Field } from "../../components/field";

export interface FaqFormValue {
  question: string;
  answer: string;
  /** One way of asking per line. */
  variants: string;
}

export const draftOf = (v: FaqFormValue, lesson: string | null = null): AreaFaqDraft => ({
  question: v.question.trim(),
  answer: v.answer.trim(),
  variants: v.variants
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean),
  lesson,
});

/**
 * A Hỏi đáp entry of my area: the question, other ways residents ask it, the answer. The server checks it like the
 * shipped Hỏi đáp; its refusal is shown under the form.
 */
export function FaqForm({
  idPrefix,
  initial,
  submitLabel,
  extra,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  initial: FaqFormValue;
  submitLabel: string;
  extra?: React.ReactNode;
  onSubmit(v: FaqFormValue): Promise<void>;
  onCancel(): void;
}) {
  const [v, setV] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v);
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof FaqFormValue) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setV({ ...v, [k]: e.target.value });
  return (
    <div className="faq-form">
      <Field id={`${idPrefix}-q`} label="Câu hỏi (viết rõ, có dấu)">
        {(d) => <input className="field__input" type="text" value={v.question} maxLength={220} onChange={set("question")} {...d} />}
      </Field>
      <Field
        id={`${idPrefix}-v`}
        label="Những cách hỏi khác"
        hint="Mỗi dòng một cách hỏi, như người dân hay nhắn (có thể không dấu). Câu người dân đã hỏi được thêm sẵn."
      >
        {(d) => <textarea className="field__input field__textarea" rows={3} value={v.variants} onChange={set("variants")} {...d} />}
      </Field>
      <Field id={`${idPrefix}-a`} label="Câu trả lời" hint="Tối đa 80 từ. Không ghi số hiệu văn bản pháp luật; nói quy định bằng lời thường.">
        {(d) => <textarea className="field__input field__textarea" rows={5} value={v.answer} onChange={set("answer")} {...d} />}
      </Field>
      {extra}
      <ErrorBox message={error} />
      <div className="button-row">
        <Button loading={busy} disabled={busy} onClick={() => void submit()}>
          {submitLabel}
        </Button>
        <Button variant="tertiary" disabled={busy} onClick={onCancel}>
          Hủy
        </Button>
      </div>
    </div>
  );
}
