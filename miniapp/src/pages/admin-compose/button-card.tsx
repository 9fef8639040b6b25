import { MAX_BUTTON_TITLE_CHARS } from "../../../../shared/lib/campaign-rules";
import { Field } from "../../components/field";
import { skills } from "../../lib/course";
import { Card } from "../../components/card";
import type { ButtonKind, FormPart } from "./form";
import { LessonOptions } from "../../admin/lesson-options";

const KINDS: readonly (readonly [ButtonKind, string])[] = [
  ["none", "Không có nút"],
  ["link", "Mở một trang web (https)"],
  ["lesson", "Mở một bài học"],
];

/** Nút bấm kèm tin: none, a web page or a lesson, and the words on the button. */
export function ButtonCard({ form, errors, set }: FormPart) {
  const lesson = skills.flatMap((s) => s.lessons).find((l) => l.id === form.lessonId);
  return (
    <Card id="button-title" title="Nút bấm kèm tin">
      <fieldset className="field fieldset">
        <legend className="field__label">Loại nút (không bắt buộc)</legend>
        <div className="check-list">
          {KINDS.map(([kind, label]) => (
            <label key={kind} className={`check${form.buttonKind === kind ? " is-checked" : ""}`} htmlFor={`button-${kind}`}>
              <input
                id={`button-${kind}`}
                type="radio"
                name="button-kind"
                checked={form.buttonKind === kind}
                onChange={() => {
                  set("buttonKind", kind);
                  if (kind !== "none" && !form.buttonTitle.trim()) set("buttonTitle", kind === "lesson" ? "Xem bài học" : "Xem chi tiết");
                }}
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {form.buttonKind === "lesson" ? (
        <Field
          id="f-lessonId"
          name="lessonId"
          label="Bài học"
          hint={form.lessonId ? `Nút mở bài “${lesson?.title}” trong ứng dụng.` : null}
          error={errors.lessonId}
        >
          {(described) => (
            <select className="field__input" value={form.lessonId} onChange={(e) => set("lessonId", e.target.value)} {...described}>
              <option value="">— Chọn bài học —</option>
              <LessonOptions />
            </select>
          )}
        </Field>
      ) : null}
      {form.buttonKind === "link" ? (
        <Field id="f-url" name="url" label="Địa chỉ trang web" hint="Chỉ nhận địa chỉ bắt đầu bằng https://" error={errors.url}>
          {(described) => (
            <input
              className="field__input"
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://"
              value={form.url}
              onChange={(e) => set("url", e.target.value)}
              {...described}
            />
          )}
        </Field>
      ) : null}
      {form.buttonKind !== "none" ? (
        <Field
          id="f-buttonTitle"
          name="buttonTitle"
          label="Chữ trên nút"
          hint={`Tối đa ${MAX_BUTTON_TITLE_CHARS} ký tự (${form.buttonTitle.trim().length}/${MAX_BUTTON_TITLE_CHARS}).`}
          error={errors.buttonTitle}
        >
          {(described) => (
            <input
              className="field__input"
              type="text"
              autoComplete="off"
              value={form.buttonTitle}
              onChange={(e) => set("buttonTitle", e.target.value)}
              {...described}
            />
          )}
        </Field>
      ) : null}
    </Card>
  );
}
