import { useEffect, useMemo, useState } from "react";
import { Button } from "zmp-ui";
import type { LocalLessonView } from "../../../../shared/schemas/local-lesson";
import { adminErrorText } from "../../api/error-text";
import { ApiFailure, type FieldProblem } from "../../api/http";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { Field } from "../../components/field";
import { store } from "../../lib/zalo";
import { contentOf, previewLesson, problemsAt, type Draft } from "./draft";
import { LinesField } from "./lines-field";
import { NotesEditor } from "./notes-editor";
import { LessonPreview } from "./preview";
import { QuizEditor } from "./quiz-editor";
import { StepsEditor } from "./steps-editor";

interface Props {
  /** The lesson being edited, or null for a new one of `area`. */
  editing: LocalLessonView | null;
  area: string;
  start: Draft;
  competences: { code: string; title: string }[];
  onSaved(l: LocalLessonView): void;
  onCancel(): void;
}

/** Until it is saved, what the official wrote stays on the phone: a closed app or a lost connection loses nothing. */
const draftKey = (editing: LocalLessonView | null, area: string) => `ksc.localDraft.${editing ? `${editing.id}.${editing.latestVersion}` : `new.${area}`}`;

/** Writing a local lesson: every field, the server's problems next to each, a preview, and saving. */
export function LessonEditor({ editing, area, start, competences, onSaved, onCancel }: Props) {
  const key = draftKey(editing, area);
  // A draft left unsaved on this phone is taken up again; a saved one is forgotten.
  const [kept] = useState(() => store.get<Draft | null>(key, null));
  const [draft, setDraft] = useState<Draft>(() => kept ?? start);
  const [resumed, setResumed] = useState(kept !== null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState(false);
  useEffect(() => store.set(key, draft), [key, draft]);
  const lesson = useMemo(() => (preview ? previewLesson(draft) : null), [preview, draft]);
  const set = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const content = contentOf(draft);
      const r = editing
        ? await adminApi.changeLocalLesson(editing.id, { action: "edit", version: editing.latestVersion, content })
        : await adminApi.createLocalLesson(area, content);
      store.remove(key);
      setProblems([]);
      onSaved(r.lesson);
    } catch (e) {
      setProblems(e instanceof ApiFailure ? e.problems : []);
      setError(
        e instanceof ApiFailure && e.problems.length ? `Bài học chưa lưu được: có ${e.problems.length} chỗ cần sửa, ghi ngay dưới từng ô.` : adminErrorText(e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="local-editor">
      {resumed ? (
        <div className="notice" role="status">
          <p>Đã mở lại bài bạn đang soạn dở trên máy này (chưa lưu).</p>
          <Button
            size="small"
            variant="tertiary"
            onClick={() => {
              setDraft(start);
              setResumed(false);
            }}
          >
            Bỏ bản đang soạn, bắt đầu lại
          </Button>
        </div>
      ) : null}
      <fieldset className="fieldset">
        <legend>Thông tin chung</legend>
        <Field id="l-title" label="Tên bài (tối đa 12 từ)" error={problemsAt(problems, "title")}>
          {(d) => <input {...d} className="field__input" value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
        </Field>
        <Field id="l-summary" label="Tóm tắt (tối đa 30 từ)" error={problemsAt(problems, "summary")}>
          {(d) => <textarea {...d} className="field__input" rows={2} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />}
        </Field>
        <Field id="l-minutes" label="Số phút học" error={problemsAt(problems, "minutes")}>
          {(d) => (
            <input
              {...d}
              className="field__input"
              type="number"
              min={2}
              max={15}
              value={draft.minutes}
              onChange={(e) => set({ minutes: Number(e.target.value) })}
            />
          )}
        </Field>
        <LinesField
          id="l-key-steps"
          path="keySteps"
          label="Các ý chính (3 đến 5 ý, mỗi ý tối đa 14 từ)"
          value={draft.keySteps}
          problems={problems}
          onChange={(keySteps) => set({ keySteps })}
        />
        <div className="field" role="group" aria-labelledby="l-competences">
          <p id="l-competences" className="field__label">
            Năng lực bài học rèn luyện (khung 757, chọn 1 đến 4)
          </p>
          {competences.map((c) => (
            <label key={c.code} className="check">
              <input
                type="checkbox"
                checked={draft.competences.includes(c.code)}
                onChange={(e) => set({ competences: e.target.checked ? [...draft.competences, c.code] : draft.competences.filter((x) => x !== c.code) })}
              />
              {c.code} · {c.title}
            </label>
          ))}
          {problems.some((p) => p.path.startsWith("competences")) ? (
            <p className="field__error">
              {problems
                .filter((p) => p.path.startsWith("competences"))
                .map((p) => p.message)
                .join(" ")}
            </p>
          ) : null}
        </div>
      </fieldset>
      <StepsEditor area={editing?.areaCode ?? area} steps={draft.steps} problems={problems} update={(fn) => setDraft((d) => ({ ...d, steps: fn(d.steps) }))} />
      <QuizEditor quiz={draft.quiz} problems={problems} onChange={(quiz) => set({ quiz })} />
      <NotesEditor notes={draft.teacherNotes} problems={problems} onChange={(teacherNotes) => set({ teacherNotes })} />
      {lesson ? <LessonPreview lesson={lesson} onClose={() => setPreview(false)} /> : null}
      <ErrorBox message={error} />
      <div className="stack">
        <Button fullWidth variant="secondary" onClick={() => setPreview(true)}>
          Xem trước như người dân
        </Button>
        <Button fullWidth loading={busy} disabled={busy} onClick={() => void save()}>
          Lưu bài
        </Button>
        <Button fullWidth variant="tertiary" onClick={onCancel}>
          Thôi, quay lại danh sách
        </Button>
      </div>
    </div>
  );
}
