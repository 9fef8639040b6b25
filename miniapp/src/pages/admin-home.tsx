import { useCallback, useEffect, useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import type { CampaignListItem } from "../../../shared/schemas/campaign";
import type { UnansweredQuestion } from "../../../shared/schemas/responses/admin";
import { adminErrorText as errorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { loadAdminRoles } from "../state/actions";
import { CommunePointCard } from "../admin/commune-point";
import { ErrorBox } from "../admin/error-box";
import { num, ROLE_TITLES, roleArea, STATUS_LABELS, when } from "../admin/format";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { useAppState } from "../state/store";

type Load<T> = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; value: T };
interface CampaignPages {
  items: CampaignListItem[];
  nextCursor: string | null;
}

function dateLine(c: CampaignListItem): string {
  if (c.status === "scheduled" && c.scheduledAt) return `Hẹn gửi lúc ${when(c.scheduledAt)}`;
  if (c.sentAt) return `${c.status === "awaiting_approval" ? "Gửi duyệt" : "Gửi"} lúc ${when(c.sentAt)}`;
  return `Soạn lúc ${when(c.createdAt)}`;
}

/** One campaign in a list: status, title, area, when, and the numbers once it has gone out. */
function CampaignButton({ c, onOpen }: { c: CampaignListItem; onOpen(): void }) {
  const out = c.status === "sending" || c.status === "done" || (c.status === "cancelled" && c.counts.sent + c.counts.held + c.counts.failed > 0);
  return (
    <li>
      <button type="button" className="list-button campaign-item" onClick={onOpen}>
        <span className="campaign-item__top">
          <span className={`status status--${c.status}`}>{STATUS_LABELS[c.status]}</span>
          <span className="campaign-item__no">Số {c.id}</span>
        </span>
        <span className="list-button__title">{c.title}</span>
        <span className="list-button__meta">
          {c.areaName}
          {c.provinceWide ? " (cả tỉnh/thành)" : ""}
        </span>
        <span className="list-button__meta">{dateLine(c)}</span>
        {out ? (
          <span className="list-button__meta campaign-item__counts">
            <span>Đã gửi {num(c.counts.sent)}</span> · <span>Chờ trong hộp tin {num(c.counts.held)}</span> · <span>Lỗi {num(c.counts.failed)}</span>
          </span>
        ) : null}
      </button>
    </li>
  );
}

/**
 * Home of the officials: what waits for my approval, the campaigns of my area (newest first, 20 at a time),
 * composing a campaign, the questions the chatbot could not answer, and my roles.
 */
export default function AdminHomePage() {
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const [me, setMe] = useState<Load<null>>(roles.length ? { state: "ready", value: null } : { state: "loading" });
  const [questions, setQuestions] = useState<Load<UnansweredQuestion[]>>({ state: "loading" });
  const [approvals, setApprovals] = useState<CampaignListItem[]>([]);
  const [campaigns, setCampaigns] = useState<Load<CampaignPages>>({ state: "loading" });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const loadCampaigns = useCallback((live: () => boolean) => {
    setCampaigns({ state: "loading" });
    adminApi.campaigns().then(
      (r) => live() && setCampaigns({ state: "ready", value: { items: r.campaigns, nextCursor: r.nextCursor } }),
      (e) => live() && setCampaigns({ state: "error", message: errorText(e) }),
    );
    // Only a list to act on: when it cannot be fetched, the full list below says why.
    adminApi.campaigns({ awaitingMyApproval: true }).then(
      (r) => live() && setApprovals(r.campaigns),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    let live = true;
    const isLive = () => live;
    loadAdminRoles().then(
      (roles) => {
        if (!live) return;
        setMe({ state: "ready", value: null });
        if (roles.length === 0) return;
        loadCampaigns(isLive);
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
  }, [loadCampaigns]);

  const loadMore = async () => {
    if (campaigns.state !== "ready" || !campaigns.value.nextCursor) return;
    setMore({ busy: true, error: null });
    try {
      const r = await adminApi.campaigns({ cursor: campaigns.value.nextCursor });
      setCampaigns((c) => (c.state === "ready" ? { state: "ready", value: { items: [...c.value.items, ...r.campaigns], nextCursor: r.nextCursor } } : c));
      setMore({ busy: false, error: null });
    } catch (e) {
      setMore({ busy: false, error: errorText(e) });
    }
  };

  const open = (id: number) => navigate(`/admin/campaign/${id}`);
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
            {approvals.length ? (
              <section className="card card--attention" aria-labelledby="approvals-title">
                <h2 id="approvals-title" className="card__title">
                  Chờ tôi phê duyệt <span className="count-badge">{approvals.length}</span>
                </h2>
                <p className="admin-hint">Tin gửi cả tỉnh/thành do cán bộ khác soạn. Mở tin, đọc kỹ rồi bấm Phê duyệt để gửi.</p>
                <ul className="plain-list">
                  {approvals.map((c) => (
                    <CampaignButton key={c.id} c={c} onOpen={() => open(c.id)} />
                  ))}
                </ul>
              </section>
            ) : null}

            <section className="card" aria-labelledby="campaigns-title">
              <h2 id="campaigns-title" className="card__title">
                Chiến dịch
              </h2>
              <p>Soạn tin cho người quan tâm OA “Chuyển đổi số quốc gia” trong khu vực của bạn, xem trước đúng như trên Zalo, rồi lưu nháp và gửi.</p>
              <Button fullWidth size="large" onClick={() => navigate("/admin/compose")}>
                Soạn tin mới
              </Button>
              <h3 className="admin-subtitle">Tin của khu vực</h3>
              {campaigns.state === "loading" ? <p role="status">Đang tải danh sách…</p> : null}
              {campaigns.state === "error" ? (
                <>
                  <ErrorBox message={campaigns.message} />
                  <Button fullWidth variant="secondary" onClick={() => loadCampaigns(() => true)}>
                    Thử lại
                  </Button>
                </>
              ) : null}
              {campaigns.state === "ready" && campaigns.value.items.length === 0 ? <p className="empty-note">Khu vực của bạn chưa có chiến dịch nào.</p> : null}
              {campaigns.state === "ready" && campaigns.value.items.length > 0 ? (
                <ul className="plain-list">
                  {campaigns.value.items.map((c) => (
                    <CampaignButton key={c.id} c={c} onOpen={() => open(c.id)} />
                  ))}
                </ul>
              ) : null}
              {campaigns.state === "ready" && campaigns.value.nextCursor ? (
                <Button fullWidth variant="secondary" loading={more.busy} disabled={more.busy} onClick={() => void loadMore()}>
                  Xem thêm
                </Button>
              ) : null}
              {more.error ? <ErrorBox message={more.error} /> : null}
            </section>

            <section className="card" aria-labelledby="reports-title">
              <h2 id="reports-title" className="card__title">
                Báo cáo
              </h2>
              <p className="admin-hint">Số tổ, thành viên đã tập huấn, người dân được ghi nhận, hộ được hỗ trợ, chi phí cho mỗi người dùng số mới; tải về CSV.</p>
              <Button fullWidth size="large" onClick={() => navigate("/admin/reports")}>
                Xem báo cáo
              </Button>
            </section>

            <section className="card" aria-labelledby="teams-title">
              <h2 id="teams-title" className="card__title">
                Tổ công nghệ số cộng đồng
              </h2>
              <p className="admin-hint">Lập tổ, cử tổ trưởng, xem tỷ lệ thành viên đã học xong.</p>
              <Button fullWidth variant="secondary" onClick={() => navigate("/admin/teams")}>
                Các tổ công nghệ số
              </Button>
            </section>

            {roles
              .filter((r) => r.role === "commune_official")
              .map((r) => (
                <CommunePointCard key={r.areaCode} code={r.areaCode} name={r.areaName} />
              ))}

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
          </>
        ) : null}
      </main>
      <NavBar />
    </Page>
  );
}
