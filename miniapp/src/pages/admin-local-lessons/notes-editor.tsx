import type { FieldProblem } from "../../api/http";
import { Field } from "../../components/field";
import { problemsAt, type Draft } from "./draft";
import { LinesField } from "./lines-field";

/** What the tổ member needs to teach it door to door; members see it in the app and on the printed page. */
export function NotesEditor({
  notes,
  problems,
  onChange,
}: {
  notes: Draft["teacherNotes"];
  problems: FieldProblem[];
  onChange(n: Draft["teacherNotes"]): void;
}) {
  const set = (p: Partial<Draft["teacherNotes"]>) => onChange({ ...notes, ...p });
  return (
    <fieldset className="fieldset">
      <legend>Ghi chú cho tổ công nghệ số</legend>
      <LinesField
        id="n-show"
        path="teacherNotes.show"
        label="Cho xem gì trên máy của người dân (1 đến 5 ý)"
        value={notes.show}
        problems={problems}
        onChange={(show) => set({ show })}
      />
      <LinesField
        id="n-mistakes"
        path="teacherNotes.mistakes"
        label="Lỗi người dân hay gặp (1 đến 5 ý)"
        value={notes.mistakes}
        problems={problems}
        onChange={(mistakes) => set({ mistakes })}
      />
      <Field id="n-hands-on" label="Bài thực hành chứng tỏ người dân đã làm được" error={problemsAt(problems, "teacherNotes.handsOn")}>
        {(d) => <textarea {...d} className="field__input" rows={2} value={notes.handsOn} onChange={(e) => set({ handsOn: e.target.value })} />}
      </Field>
      <LinesField
        id="n-sources"
        path="teacherNotes.sources"
        label="Nguồn của từng thông tin (văn bản, trang chính thức)"
        value={notes.sources}
        problems={problems}
        onChange={(sources) => set({ sources })}
      />
    </fieldset>
  );
}
