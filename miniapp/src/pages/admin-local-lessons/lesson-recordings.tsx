import { useState } from "react";
import type { LocalLessonView } from "../../../../shared/schemas/local-lesson";
import { loadLessonAudio } from "../../lib/audio";
import { useLoad } from "../../lib/use-load";
import { StepRecording } from "../admin-recordings/step-recording";

/** The published steps of a local lesson read in an official's own voice, in place of the machine voice. */
export function LessonRecordings({ l }: { l: LocalLessonView }) {
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  // Asked for when opened: the server makes the machine voice of steps it has not read yet.
  const audio = useLoad(open ? () => loadLessonAudio(l.id) : null, [l.id, version, open]);
  return (
    <details className="local-recordings" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Ghi âm giọng đọc các bước</summary>
      <p className="admin-hint">Đọc rõ, chậm, ở nơi yên tĩnh. Khi chưa có bản ghi, người dân nghe giọng đọc của máy.</p>
      <ol className="question-list">
        {l.content.steps.map((st, i) => (
          <StepRecording key={`${l.id}-${i}`} lessonId={l.id} index={i} step={st} audio={audio.data?.steps[i]} onChanged={() => setVersion((v) => v + 1)} />
        ))}
      </ol>
    </details>
  );
}
