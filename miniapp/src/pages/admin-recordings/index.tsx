import { useState } from "react";
import { Page } from "zmp-ui";
import "../../admin/admin.css";
import { AppHeader } from "../../components/app-header";
import { Card } from "../../components/card";
import { NavBar } from "../../components/nav-bar";
import { NetworkBanner } from "../../components/network-banner";
import { loadLessonAudio } from "../../lib/audio";
import { skills } from "../../lib/course";
import { useLesson } from "../../lib/lessons";
import { useLoad } from "../../lib/use-load";
import { useAppState } from "../../state/store";
import { StepRecording } from "./step-recording";
import { LessonOptions } from "../../admin/lesson-options";

/**
 * Ghi âm bài học (the operator): a person's voice for the steps of the shipped course, in place of the machine
 * voice. A recording stays with the step's text it was made for; when the text changes, the machine voice is back.
 */
export default function AdminRecordingsPage() {
  const operator = useAppState((s) => s.adminRoles.some((r) => r.role === "operator"));
  const [lessonId, setLessonId] = useState(skills[0]?.lessons[0]?.id ?? "");
  const [version, setVersion] = useState(0);
  const lesson = useLesson(lessonId);
  const audio = useLoad(() => loadLessonAudio(lessonId), [lessonId, version]);
  return (
    <Page className="page admin">
      <AppHeader title="Ghi âm bài học" back="/admin" />
      <NetworkBanner />
      <main className="content">
        {!operator ? (
          <section className="card">
            <p>Chỉ người vận hành mới ghi âm các bài học chung của khóa học.</p>
          </section>
        ) : (
          <Card id="recordings-title" title="Chọn bài">
            <p className="admin-hint">Đọc rõ, chậm, ở nơi yên tĩnh. Mỗi bước tối đa 3 phút. Người nghe sẽ thấy đây là giọng người đọc, không phải giọng máy.</p>
            <label className="field__label" htmlFor="rec-lesson">
              Bài học
            </label>
            <select id="rec-lesson" className="field__input" value={lessonId} onChange={(e) => setLessonId(e.target.value)}>
              <LessonOptions />
            </select>
            {lesson.status === "ready" ? (
              <ol className="question-list">
                {lesson.lesson.steps.map((st, i) => (
                  <StepRecording
                    key={`${lessonId}-${i}`}
                    lessonId={lessonId}
                    index={i}
                    step={st}
                    audio={audio.data?.steps[i]}
                    onChanged={() => setVersion((v) => v + 1)}
                  />
                ))}
              </ol>
            ) : (
              <p role="status">Đang mở bài học…</p>
            )}
          </Card>
        )}
      </main>
      <NavBar />
    </Page>
  );
}
