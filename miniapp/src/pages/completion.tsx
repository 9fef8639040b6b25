import { useCallback, useState } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import { errorText } from "../api/error-text";
import { completionApi } from "../api/session";
import { AppHeader } from "../components/app-header";
import { Field } from "../components/field";
import { NetworkBanner } from "../components/network-banner";
import { HandsOnCodeBox } from "../completion/hands-on-code";
import { findSkill } from "../lib/course";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/store";
import "../admin/admin.css";
import "../completion/completion.css";

const dateTimeVN = (iso: string) =>
  new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit" });

/**
 * "Hoàn thành kỹ năng": the final assessment, the hands-on tasks a tổ member confirms on the resident's own phone,
 * and, once both are done, the certificate with the name the resident gives.
 */
export default function CompletionPage() {
  const { skillId = "" } = useParams();
  const navigate = useNavigate();
  const skill = findSkill(skillId);
  const status = useLoad(() => completionApi.completion(skillId), [skillId]);
  const s = status.data;
  const zaloName = useAppState((st) => st.session?.learner.name ?? "");
  const [name, setName] = useState(zaloName === "Người học" ? "" : zaloName);
  const { busy, error, run } = useAction();
  const { reload: reloadStatus } = status;
  const reload = useCallback(() => void reloadStatus(), [reloadStatus]);

  const claim = () =>
    run(async () => {
      await completionApi.claimCertificate(skillId, name);
      navigate("/certificates", { replace: true } as never);
    });

  return (
    <Page className="page">
      <AppHeader title="Hoàn thành kỹ năng" back={`/skill/${skillId}`} />
      <NetworkBanner />
      <main className="content">
        <p className="lead">{skill?.title}</p>
        {status.status === "loading" && !s ? <p role="status">Đang tải…</p> : null}
        {status.error && !s ? <ErrorBox message={errorText(status.error)} /> : null}
        {s ? (
          <>
            <section className="card" aria-labelledby="assessment-title">
              <h2 id="assessment-title" className="card__title">
                1. Bài kiểm tra cuối
              </h2>
              {s.assessment.passed ? (
                <p className="done-box">✓ Bạn đã đạt (điểm cao nhất {s.assessment.bestPct}%).</p>
              ) : (
                <>
                  <p>
                    {s.assessment.questions} câu hỏi, cần đúng từ {s.assessment.passPercent}% số câu. Câu hỏi khác với câu hỏi trong bài học.
                    {s.assessment.bestPct !== null ? ` Lần trước bạn đúng ${s.assessment.bestPct}%.` : ""}
                  </p>
                  {s.assessment.nextAttemptAt ? (
                    <p role="status">Bạn hãy ôn lại bài học, rồi làm lại từ {dateTimeVN(s.assessment.nextAttemptAt)}.</p>
                  ) : (
                    <Button fullWidth onClick={() => navigate(`/skill/${skillId}/assessment`)}>
                      {s.assessment.openAttempt ? "Làm tiếp bài kiểm tra" : "Làm bài kiểm tra"}
                    </Button>
                  )}
                </>
              )}
            </section>

            <section className="card" aria-labelledby="tasks-title">
              <h2 id="tasks-title" className="card__title">
                2. Thực hành trên điện thoại của bạn
              </h2>
              <p>Bạn tự làm các việc này trên điện thoại của mình, thành viên tổ công nghệ số xem và xác nhận.</p>
              <ul className="task-list">
                {s.tasks.map((t) => (
                  <li key={t.id}>
                    <span className="task__mark" aria-hidden>
                      {t.confirmedAt ? "✓" : "○"}
                    </span>
                    <span>
                      <span className="task__title">{t.title}</span>
                      <br />
                      <span className="task__meta">
                        {t.confirmedAt ? `Đã xác nhận ${dateTimeVN(t.confirmedAt)}${t.team ? `, ${t.team}` : ""}` : "Chưa xác nhận"}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
              {/* Also once every task is confirmed: the same code lets a member record what the resident can now do in
                  the team's ledger, or join a row recorded before they had the app. */}
              <HandsOnCodeBox
                skill={skillId}
                onConfirmed={reload}
                label={s.tasks.some((t) => !t.confirmedAt) ? "Nhờ thành viên tổ xác nhận" : "Hiện mã cho thành viên tổ (sổ theo dõi)"}
              />
            </section>

            <section className="card" aria-labelledby="certificate-title">
              <h2 id="certificate-title" className="card__title">
                3. Chứng nhận
              </h2>
              {s.certificate ? (
                <Button fullWidth onClick={() => navigate("/certificates")}>
                  Xem chứng nhận của tôi
                </Button>
              ) : s.completed ? (
                <>
                  <p>Bạn đã hoàn thành kỹ năng này. Hãy ghi họ tên để in lên chứng nhận.</p>
                  <Field id="certificate-name" label="Họ và tên của bạn" hint="Viết đúng như bạn muốn in, có dấu.">
                    {(d) => <input className="field__input" value={name} maxLength={60} autoComplete="name" onChange={(e) => setName(e.target.value)} {...d} />}
                  </Field>
                  <ErrorBox message={error} />
                  <Button fullWidth loading={busy} disabled={busy || name.trim().length < 2} onClick={() => void claim()}>
                    Nhận chứng nhận
                  </Button>
                </>
              ) : (
                <p>Khi bạn đạt bài kiểm tra và được xác nhận đủ các việc thực hành, bạn nhận được chứng nhận có mã QR để ai cũng kiểm tra được.</p>
              )}
            </section>
          </>
        ) : null}
      </main>
    </Page>
  );
}
