import { useEffect, useState } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { ListenButton, ListenOptions } from "../components/listen-button";
import { NetworkBanner } from "../components/network-banner";
import { StepContent } from "../components/step-content";
import { TeacherNotes } from "../components/teacher-notes";
import { TextSizeButton } from "../components/text-size-button";
import { loadLessonAudio } from "../lib/audio";
import { findAnyLessonSummary, useLesson } from "../lib/lessons";
import { useLoad } from "../lib/use-load";
import { useSwipe } from "../lib/swipe";
import { recordLessonRead } from "../state/actions";
import { useAppState } from "../state/store";

export default function LessonPage() {
  const { lessonId } = useParams();
  const navigate = useNavigate();
  const state = useLesson(lessonId);
  const textSize = useAppState((s) => s.textSize);
  const [index, setIndex] = useState(0);
  const summary = lessonId ? findAnyLessonSummary(lessonId) : undefined;
  const back = summary ? `/skill/${summary.skill}` : "/";

  const lesson = state.status === "ready" ? state.lesson : null;
  // The steps' audio: from the server, or as cached on the phone; none shown when neither has it.
  const audio = useLoad(lessonId ? () => loadLessonAudio(lessonId).catch(() => null) : null, [lessonId]);
  const steps = lesson?.steps ?? [];
  const last = index === steps.length - 1;
  useEffect(() => {
    if (lesson && last) recordLessonRead(lesson.id);
  }, [lesson, last]);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [index]);

  const next = () => setIndex((i) => Math.min(i + 1, steps.length - 1));
  const prev = () => setIndex((i) => Math.max(i - 1, 0));
  const swipe = useSwipe(next, prev);

  if (state.status !== "ready" || !lesson) {
    const message =
      state.status === "loading"
        ? "Đang mở bài học…"
        : state.status === "error"
          ? "Chưa tải được bài học. Hãy kiểm tra mạng rồi thử lại."
          : "Không tìm thấy bài học này.";
    return (
      <Page className="page">
        <AppHeader title="Bài học" back={back} />
        <main className="content">
          <p role="status">{message}</p>
        </main>
      </Page>
    );
  }
  const step = steps[index]!;
  return (
    <Page className={`page text-size-${textSize}`}>
      <AppHeader title={lesson.title} back={back} right={<TextSizeButton />} />
      <NetworkBanner />
      <main className="content lesson" {...swipe}>
        <div className="step-indicator" aria-label={`Bước ${index + 1} trên ${steps.length}`}>
          <span className="step-indicator__text">
            Bước {index + 1}/{steps.length}
          </span>
          <span className="step-indicator__dots" aria-hidden>
            {steps.map((_, i) => (
              <span key={i} className={`dot${i === index ? " is-current" : i < index ? " is-done" : ""}`} />
            ))}
          </span>
        </div>
        <article className="step" aria-live="polite">
          <StepContent step={step} level={2} extra={<ListenButton audio={audio.data?.steps[index]} />} />
        </article>
        {audio.data?.steps[index]?.available ? <ListenOptions /> : null}
        <TeacherNotes lesson={lesson} />
      </main>
      <footer className="pager">
        <Button variant="secondary" disabled={index === 0} onClick={prev}>
          Quay lại
        </Button>
        {last ? <Button onClick={() => navigate(`/lesson/${lesson.id}/quiz`)}>Làm bài kiểm tra</Button> : <Button onClick={next}>Tiếp theo</Button>}
      </footer>
    </Page>
  );
}
