import { useEffect, useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import { adminApi, errorText, type UnansweredQuestion } from "../admin/api";
import { ErrorBox } from "../admin/error-box";
import { ROLE_TITLES, roleArea, when } from "../admin/format";
import { recentCampaigns } from "../admin/recent";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { useAppState } from "../state/store";

type Load<T> = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; value: T };

/** Home of the officials: my roles, composing a campaign, and the questions the chatbot could not answer. */
export default function AdminHomePage() {
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const [me, setMe] = useState<Load<null>>(roles.length ? { state: "ready", value: null } : { state: "loading" });
  const [questions, setQuestions] = useState<Load<UnansweredQuestion[]>>({ state: "loading" });
  const recent = recentCampaigns();
  const [openId, setOpenId] = useState("");
  const [openError, setOpenError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    adminApi.me().then(
      (r) => {
        if (!live) return;
        setMe({ state: "ready", value: null });
        if (r.roles.length === 0) return;
        adminApi.questions().then(
          (q) => live && setQuestions({ state: "ready", value: q.questions }),
          (e) => live && setQuestions({ state: "error", message: errorText(e) }),
        );
      },
      (e) => live && setMe({ state: "error", message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const notOfficial = me.state === "ready" && roles.length === 0;
  return (
    <Page className="page admin">
      <AppHeader title="Quản trị" />
      <NetworkBanner />
      <main className="content">
        {me.state === "loading" && roles.length === 0 ? <p role="status">Đang tải…</p> : null}
        {me.state === "error" && roles.length === 0 ? <ErrorBox message={me.message} /> : null}
        {notOfficial ? (
          <section className="card">
            <h2 className="card__title">Chỉ dành cho cán bộ</h2>
            <p>Chức năng này chỉ dành cho cán bộ được phân quyền. Nếu bạn là cán bộ, hãy nhờ cán bộ tỉnh hoặc người vận hành cấp quyền.</p>
          </section>
        ) : null}

        {roles.length ? (
          <>
            <section className="card" aria-labelledby="roles-title">
              <h2 id="roles-title" className="card__title">
                Vai trò của tôi
              </h2>
              <ul className="role-list">
                {roles.map((r) => (
                  <li key={`${r.role}:${r.areaCode}`} className="role-list__item">
                    <span className="role-list__role">{ROLE_TITLES[r.role]}</span>
                    <span className="role-list__area">{roleArea(r)}</span>
                  </li>
                ))}
              </ul>
            </section>

            <section className="card" aria-labelledby="compose-title">
              <h2 id="compose-title" className="card__title">
                Gửi tin
              </h2>
              <p>Soạn tin cho người quan tâm OA “Chuyển đổi số quốc gia” trong khu vực của bạn, xem trước đúng như trên Zalo, rồi lưu nháp và gửi.</p>
              <Button fullWidth size="large" onClick={() => navigate("/admin/compose")}>
                Soạn tin mới
              </Button>
              {recent.length ? (
                <>
                  <h3 className="admin-subtitle">Tin đã lưu trên máy này</h3>
                  <ul className="plain-list">
                    {recent.map((c) => (
                      <li key={c.id}>
                        <button type="button" className="list-button" onClick={() => navigate(`/admin/campaign/${c.id}`)}>
                          <span className="list-button__title">{c.title}</span>
                          <span className="list-button__meta">
                            Chiến dịch số {c.id} · lưu lúc {when(c.savedAt)}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <form
                className="open-form"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  const n = openId.trim();
                  if (/^\d{1,12}$/.test(n) && Number(n) > 0) navigate(`/admin/campaign/${Number(n)}`);
                  else setOpenError("Hãy nhập số của chiến dịch, ví dụ: 12.");
                }}
              >
                <div className="field">
                  <label className="field__label" htmlFor="f-open">
                    Mở chiến dịch theo số
                  </label>
                  <input
                    id="f-open"
                    className="field__input"
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={openId}
                    onChange={(e) => {
                      setOpenId(e.target.value);
                      setOpenError(null);
                    }}
                    aria-invalid={openError ? true : undefined}
                    aria-describedby={openError ? "open-hint open-error" : "open-hint"}
                  />
                  <p id="open-hint" className="field__hint">
                    Ví dụ khi một cán bộ khác nhờ bạn phê duyệt tin gửi cả tỉnh/thành.
                  </p>
                  {openError ? (
                    <p id="open-error" className="field__error">
                      {openError}
                    </p>
                  ) : null}
                </div>
                <Button fullWidth variant="secondary" htmlType="submit">
                  Mở chiến dịch
                </Button>
              </form>
            </section>

            <section className="card" aria-labelledby="questions-title">
              <h2 id="questions-title" className="card__title">
                Câu hỏi chưa trả lời
              </h2>
              <p className="admin-hint">Người dân đã hỏi chatbot những câu này mà chatbot chưa trả lời chắc chắn.</p>
              {questions.state === "loading" ? <p role="status">Đang tải câu hỏi…</p> : null}
              {questions.state === "error" ? <ErrorBox message={questions.message} /> : null}
              {questions.state === "ready" && questions.value.length === 0 ? <p className="empty-note">Chưa có câu hỏi nào cần trả lời.</p> : null}
              {questions.state === "ready" && questions.value.length > 0 ? (
                <ul className="question-list">
                  {questions.value.map((q) => (
                    <li key={q.id} className="question-item">
                      <p className="question-item__text">“{q.text}”</p>
                      <p className="question-item__meta">
                        <span>{q.communeName ?? "Chưa chọn xã/phường"}</span>
                        <span aria-hidden="true"> · </span>
                        <time dateTime={q.askedAt}>{when(q.askedAt)}</time>
                      </p>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          </>
        ) : null}
      </main>
      <NavBar />
    </Page>
  );
}
