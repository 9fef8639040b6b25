import { useState } from "react";
import { Button } from "zmp-ui";
import type { Lesson } from "../../../../shared/schemas/content";
import { QuestionView } from "../../components/question-view";
import { StepContent } from "../../components/step-content";

/** The lesson as a resident will see it: its steps one after another as the reader shows them, then its quiz to try. */
export function LessonPreview({ lesson, onClose }: { lesson: Lesson; onClose(): void }) {
  const [round, setRound] = useState(0);
  return (
    <section className="card local-preview" aria-label="Xem trước bài học">
      <h2 className="card__title">Xem trước: {lesson.title}</h2>
      <p className="lead">{lesson.summary}</p>
      {lesson.steps.map((step, i) => (
        <article key={i} className="step">
          <p className="step-indicator__text">
            Bước {i + 1}/{lesson.steps.length}
          </p>
          <StepContent step={step} level={3} />
        </article>
      ))}
      <h3>Bài kiểm tra</h3>
      {lesson.quiz.map((q, i) => (
        <div key={`${round}-${i}`} className="local-preview__question">
          <p className="step-indicator__text">
            Câu {i + 1}/{lesson.quiz.length}
          </p>
          <QuestionView question={q} seed={`preview-${round}`} isLast onAnswered={() => undefined} onNext={() => undefined} />
        </div>
      ))}
      <div className="stack">
        <Button variant="secondary" onClick={() => setRound((r) => r + 1)}>
          Thử lại bài kiểm tra
        </Button>
        <Button variant="tertiary" onClick={onClose}>
          Đóng xem trước
        </Button>
      </div>
    </section>
  );
}
