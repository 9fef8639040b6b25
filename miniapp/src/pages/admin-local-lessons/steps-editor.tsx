import { useState } from "react";
import { Button } from "zmp-ui";
import { adminErrorText } from "../../api/error-text";
import type { FieldProblem } from "../../api/http";
import { adminApi } from "../../api/session";
import { Field } from "../../components/field";
import { StepImage } from "../../components/step-image";
import { imagePath, problemsAt, type Draft, type DraftStep } from "./draft";

interface Props {
  area: string;
  steps: Draft["steps"];
  problems: FieldProblem[];
  /** Changes the steps as they are when it runs: a photo that arrives after more typing keeps the typing. */
  update(fn: (steps: Draft["steps"]) => Draft["steps"]): void;
}

function PhotoField({
  area,
  step,
  at,
  problems,
  set,
}: {
  area: string;
  step: DraftStep;
  at: string;
  problems: FieldProblem[];
  set(p: Partial<DraftStep>): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const img = await adminApi.uploadImage(area, file);
      set({ image: img.id });
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="local-photo">
      {step.image ? <StepImage key={step.image} src={imagePath(step.image)} alt={step.alt ?? ""} /> : null}
      <Field id={`${at}-image`} label={step.image ? "Đổi ảnh" : "Ảnh minh họa (chụp hoặc chọn từ máy)"} error={error ?? problemsAt(problems, `${at}.image`)}>
        {(d) => <input {...d} type="file" accept="image/*" disabled={busy} onChange={(e) => void upload(e.target.files?.[0])} />}
      </Field>
      {busy ? <p role="status">Đang tải ảnh lên…</p> : null}
      {step.image ? (
        <>
          <Field id={`${at}-alt`} label="Mô tả ảnh (đọc cho người không xem được ảnh)" error={problemsAt(problems, `${at}.alt`)}>
            {(d) => <input {...d} className="field__input" value={step.alt ?? ""} onChange={(e) => set({ alt: e.target.value })} />}
          </Field>
          <Button size="small" variant="tertiary" onClick={() => set({ image: undefined, alt: undefined })}>
            Bỏ ảnh
          </Button>
        </>
      ) : null}
    </div>
  );
}

/*
 * The photo field asks for image/*: iOS then hands over a JPEG; naming HEIC would bring the original HEVC file,
 * which the server's image library cannot read.
 */

/** The lesson's steps: a title, the text (**đậm** allowed), a photo with its description, a "Lưu ý" box. */
export function StepsEditor({ area, steps, problems, update }: Props) {
  const set = (i: number, p: Partial<DraftStep>) => update((all) => all.map((s, j) => (j === i ? { ...s, ...p } : s)));
  return (
    <fieldset className="fieldset">
      <legend>Các bước (3 đến 8)</legend>
      {problemsAt(problems, "steps") ? <p className="field__error">{problemsAt(problems, "steps")}</p> : null}
      {steps.map((s, i) => {
        const at = `steps.${i}`;
        return (
          <div key={i} className="local-step">
            <h3 className="local-step__title">Bước {i + 1}</h3>
            <Field id={`${at}-title`} label="Tiêu đề" error={problemsAt(problems, `${at}.title`)}>
              {(d) => <input {...d} className="field__input" value={s.title} onChange={(e) => set(i, { title: e.target.value })} />}
            </Field>
            <Field id={`${at}-text`} label="Nội dung (tối đa 60 từ)" hint="Viết **chữ** để in đậm tên nút bấm." error={problemsAt(problems, `${at}.text`)}>
              {(d) => <textarea {...d} className="field__input" rows={4} value={s.text} onChange={(e) => set(i, { text: e.target.value })} />}
            </Field>
            <PhotoField area={area} step={s} at={at} problems={problems} set={(p) => set(i, p)} />
            <Field id={`${at}-note`} label="Lưu ý (không bắt buộc)" error={problemsAt(problems, `${at}.note`)}>
              {(d) => <textarea {...d} className="field__input" rows={2} value={s.note ?? ""} onChange={(e) => set(i, { note: e.target.value })} />}
            </Field>
            {steps.length > 3 ? (
              <Button size="small" variant="tertiary" onClick={() => update((all) => all.filter((_, j) => j !== i))}>
                Xóa bước {i + 1}
              </Button>
            ) : null}
          </div>
        );
      })}
      {steps.length < 8 ? (
        <Button size="small" variant="secondary" onClick={() => update((all) => [...all, { title: "", text: "" }])}>
          Thêm bước
        </Button>
      ) : null}
    </fieldset>
  );
}
