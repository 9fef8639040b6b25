import { useEffect, useState } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import type { AttemptEvent } from "../../../shared/schemas/api";
import { gradeScore, PASS_RATIO, type Grade } from "../../../shared/lib/grading";
import { AppHeader } from "../components/app-header";
import { OaCard } from "../components/oa-card";
import { NetworkBanner } from "../components/network-banner";
import { QuestionView } from "../components/question-view";
import { TextSizeButton } from "../components/text-size-button";
import { nextLessonAfter } from "../lib/course";
import { useLesson } from "../lib/lessons";
import { quizSeed, recordAttempt } from "../state/actions";
import { useAppState } from "../state/store";

export default function QuizPage() {
  const { lessonId } = useParams();
  const navigate = useNavigate();
  const state = useLesson(lessonId);
  const textSize = useAppState((s) => s.textSize);
  const pending = useAppState((s) => s.queue.length);
  const seed = useAppState((s) => (lessonId ? s.quizSeeds[lessonId] : undefined));
  useEffect(() => {
    if (lessonId && !seed) quizSeed(lessonId);
  }, [lessonId, seed]);
  const [round, setRound] = useState(0);
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<AttemptEvent["answers"]>([]);
  const [correctCount, setCorrectCount] = useState(0);
  const [grade, setGrade] = useState<Grade | null>(null);

  if (state.status !== "ready" || (!grade && !seed)) {
    return (
      <Page className="page">
        <AppHeader title="Bài kiểm tra" back />
        <main className="content">
          <p role="status">{state.status === "loading" ? "Đang mở bài kiểm tra…" : "Không mở được bài kiểm tra này."}</p>
        </main>
      </Page>
    );
  }
  const lesson = state.lesson;
  const quiz = lesson.quiz;
  const restart = () => {
    setRound((r) => r + 1);
    setIndex(0);
    setAnswers([]);
    setCorrectCount(0);
    setGrade(null);
  };

  if (grade) {
    const next = nextLessonAfter(lesson.id);
    return (
      <Page className={`page text-size-${textSize}`}>
        <AppHeader title="Kết quả" back={`/lesson/${lesson.id}`} />
        <NetworkBanner />
        <main className="content">
          <section className={`card result ${grade.passed ? "result--passed" : "result--failed"}`} role="status">
            <p className="result__score">
              {grade.correct}/{grade.total} câu đúng ({grade.scorePct}%)
            </p>
            <h2 className="result__verdict">{grade.passed ? "Bạn đã đạt bài này!" : "Chưa đạt"}</h2>
            <p>
              {grade.passed ? "Chúc mừng bạn! " : `Cần đúng ít nhất ${Math.round(PASS_RATIO * 100)}% số câu. Hãy đọc lại bài rồi làm lại nhé. `}
              {pending > 0 ? "Kết quả đã lưu trên điện thoại và sẽ tự gửi lên máy chủ khi có mạng." : "Kết quả đã được lưu."}
            </p>
          </section>
          <div className="stack">
            {!grade.passed ? (
              <Button fullWidth onClick={restart}>
                Làm lại
              </Button>
            ) : null}
            {grade.passed && next ? (
              <Button fullWidth onClick={() => navigate(`/lesson/${next.id}`)}>
                Bài tiếp theo: {next.title}
              </Button>
            ) : null}
            <Button fullWidth variant="secondary" onClick={() => navigate(`/lesson/${lesson.id}`)}>
              Đọc lại bài học
            </Button>
            {grade.passed ? (
              <Button fullWidth variant="secondary" onClick={restart}>
                Làm lại bài kiểm tra
              </Button>
            ) : null}
            <Button fullWidth variant="tertiary" onClick={() => navigate("/", { direction: "backward" } as never)}>
              Về trang chủ
            </Button>
          </div>
          {grade.passed ? <OaCard lead="Muốn học tiếp mỗi ngày và nhận tin của xã, phường? Quan tâm OA “Chuyển đổi số quốc gia” trên Zalo." /> : null}
        </main>
      </Page>
    );
  }

  const q = quiz[index]!;
  return (
    <Page className={`page text-size-${textSize}`}>
      <AppHeader title={`Kiểm tra: ${lesson.title}`} back={`/lesson/${lesson.id}`} right={<TextSizeButton />} />
      <NetworkBanner />
      <main className="content">
        <p className="step-indicator__text">
          Câu {index + 1}/{quiz.length}
        </p>
        <QuestionView
          key={`${round}-${q.id}`}
          question={q}
          seed={seed!}
          isLast={index === quiz.length - 1}
          onAnswered={(answer, correct) => {
            setAnswers((a) => [...a, { questionId: q.id, answer }]);
            if (correct) setCorrectCount((c) => c + 1);
          }}
          onNext={() => {
            if (index < quiz.length - 1) {
              setIndex(index + 1);
              return;
            }
            const g = gradeScore(correctCount, quiz.length, PASS_RATIO);
            recordAttempt(lesson.id, answers, g);
            setGrade(g);
          }}
        />
      </main>
    </Page>
  );
}
