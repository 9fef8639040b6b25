import { useEffect, useState } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import type { AssessmentAttempt, AssessmentResult } from "../../../shared/schemas/assessment";
import { ErrorBox } from "../admin/error-box";
import { errorText } from "../api/error-text";
import { completionApi } from "../api/session";
import { AnswerPicker, initialAnswer } from "../components/answer-picker";
import { AppHeader } from "../components/app-header";
import { NetworkBanner } from "../components/network-banner";
import { findSkill } from "../lib/course";
import { useAction } from "../lib/use-action";
import { store } from "../lib/zalo";
import "../admin/admin.css";
import "../completion/completion.css";

/** Answers in progress stay on the phone, per attempt: a reload or a dropped connection loses none. */
const draftKey = (attemptId: string) => `assessment-answers:${attemptId}`;

/**
 * A skill's final assessment: the questions the server drew, one at a time, with no feedback until the whole
 * attempt is submitted and graded on the server; then the score, and for each question whether it was right with
 * the explanation of what was chosen.
 */
export default function AssessmentPage() {
  const { skillId = "" } = useParams();
  const navigate = useNavigate();
  const skill = findSkill(skillId);
  const [attempt, setAttempt] = useState<AssessmentAttempt | null>(null);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [index, setIndex] = useState(0);
  const [result, setResult] = useState<AssessmentResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, error: submitError, run } = useAction();

  useEffect(() => {
    let live = true;
    completionApi.startAssessment(skillId).then(
      (a) => {
        if (!live) return;
        const saved = store.get<Record<string, string[]>>(draftKey(a.attemptId), {});
        setAttempt(a);
        setAnswers(Object.fromEntries(a.questions.map((q) => [q.id, saved[q.id] ?? initialAnswer(q)])));
      },
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [skillId]);

  const q = attempt?.questions[index];
  const answer = q ? (answers[q.id] ?? []) : [];
  const change = (a: string[]) => {
    if (!attempt || !q) return;
    const next = { ...answers, [q.id]: a };
    setAnswers(next);
    store.set(draftKey(attempt.attemptId), next);
  };
  const submit = () =>
    run(async () => {
      if (!attempt) return;
      const r = await completionApi.submitAssessment(attempt.attemptId, {
        answers: attempt.questions.map((x) => ({ questionId: x.id, answer: answers[x.id] ?? [] })),
      });
      store.remove(draftKey(attempt.attemptId));
      setResult(r);
    });
  const back = `/skill/${skillId}/complete`;

  return (
    <Page className="page">
      <AppHeader title={`Kiểm tra: ${skill?.short ?? ""}`} back={back} />
      <NetworkBanner />
      <main className="content">
        <ErrorBox message={error ?? submitError} />
        {!attempt && !error ? <p role="status">Đang lấy câu hỏi…</p> : null}
        {result ? (
          <section className="card" aria-labelledby="result-title">
            <h2 id="result-title" className="card__title">
              {result.passed ? "Chúc mừng! Bạn đã đạt bài kiểm tra" : "Bạn chưa đạt lần này"}
            </h2>
            <p className="score">
              {result.correct}/{result.total} câu đúng
            </p>
            <p>
              Cần đúng từ {result.passPercent}% số câu.{" "}
              {result.passed ? "Bước tiếp theo: nhờ thành viên tổ xác nhận phần thực hành." : "Bạn hãy ôn lại các bài học rồi làm lại."}
            </p>
            <ol className="result-list">
              {result.questions.map((x) => (
                <li key={x.id}>
                  <p>{x.prompt}</p>
                  <p className={x.correct ? "is-right" : "is-wrong"}>{x.correct ? "Đúng" : "Chưa đúng"}</p>
                  {x.chosen.map((c) => (
                    <p key={c.text}>
                      Bạn chọn “{c.text}”: {c.explain}
                    </p>
                  ))}
                </li>
              ))}
            </ol>
            <Button fullWidth onClick={() => navigate(back, { replace: true } as never)}>
              Xem các bước hoàn thành kỹ năng
            </Button>
          </section>
        ) : attempt && q ? (
          <>
            <p className="lead" aria-live="polite">
              Câu {index + 1}/{attempt.questions.length}
            </p>
            <AnswerPicker key={q.id} question={q} answer={answer} onChange={change} />
            <div className="completion-buttons">
              {index > 0 ? (
                <Button variant="secondary" onClick={() => setIndex(index - 1)}>
                  Câu trước
                </Button>
              ) : null}
              {index < attempt.questions.length - 1 ? (
                <Button disabled={answer.length === 0} onClick={() => setIndex(index + 1)}>
                  Câu tiếp theo
                </Button>
              ) : (
                <Button loading={busy} disabled={busy || attempt.questions.some((x) => !(answers[x.id] ?? []).length)} onClick={() => void submit()}>
                  Nộp bài
                </Button>
              )}
            </div>
          </>
        ) : null}
      </main>
    </Page>
  );
}
