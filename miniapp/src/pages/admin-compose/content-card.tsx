import { MAX_TEXT_CHARS } from "../../../../shared/constants/zalo";
import { MAX_TITLE_CHARS } from "../../../../shared/lib/campaign-rules";
import { num } from "../../admin/format";
import { Field } from "../../components/field";
import { Card } from "../../components/card";
import type { FormPart } from "./form";
import { totalLength } from "./validate";

/** Nội dung: the title and the text, with what the server counts of both. */
export function ContentCard({ form, errors, set }: FormPart) {
  const length = totalLength(form);
  const tooLong = length > MAX_TEXT_CHARS;
  return (
    <Card id="content-title" title="Nội dung">
      <Field id="f-title" name="title" label="Tiêu đề" hint={`Dòng đầu của tin, tối đa ${MAX_TITLE_CHARS} ký tự.`} error={errors.title}>
        {(described) => (
          <input
            className="field__input"
            type="text"
            value={form.title}
            maxLength={MAX_TITLE_CHARS + 20}
            autoComplete="off"
            onChange={(e) => set("title", e.target.value)}
            {...described}
          />
        )}
      </Field>
      <Field
        id="f-text"
        name="text"
        label="Nội dung tin"
        counter={{
          text: `${num(length)}/${num(MAX_TEXT_CHARS)} ký tự (gồm cả tiêu đề)${tooLong ? ` — thừa ${num(length - MAX_TEXT_CHARS)} ký tự` : ""}`,
          over: tooLong,
        }}
        error={errors.text}
      >
        {(described) => (
          <textarea className="field__input field__textarea" rows={7} value={form.text} onChange={(e) => set("text", e.target.value)} {...described} />
        )}
      </Field>
    </Card>
  );
}
