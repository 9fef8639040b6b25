import { useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { CommunePointCard } from "../../admin/commune-point";
import { ErrorBox } from "../../admin/error-box";
import "../../admin/admin.css";
import { AppHeader } from "../../components/app-header";
import { NavBar } from "../../components/nav-bar";
import { NetworkBanner } from "../../components/network-banner";
import { useLoad } from "../../lib/use-load";
import { loadAdminRoles } from "../../state/actions";
import { useAppState } from "../../state/store";
import { ApprovalsCard } from "./approvals-card";
import { CampaignsCard } from "./campaigns-card";
import { AreaFaqCard } from "./area-faq-card";
import { QuestionsCard } from "./questions-card";
import { RolesCard } from "./roles-card";

/**
 * Home of the officials: what waits for my approval, the campaigns of my area (newest first, 20 at a time),
 * composing a campaign, the questions the chatbot could not answer, and my roles.
 */
export default function AdminHomePage() {
  const navigate = useNavigate();
  // An entry added from a question shows in the area's Hỏi đáp below at once.
  const [faqVersion, setFaqVersion] = useState(0);
  // The roles known from the sign-in show the screen at once; the lists wait for the roles asked now.
  const roles = useAppState((s) => s.adminRoles);
  const me = useLoad(loadAdminRoles, []);
  const official = !!me.data?.length;
  // Only a list to act on: when it cannot be fetched, the full list below says why.
  const approvals = useLoad(official ? () => adminApi.campaigns({ awaitingMyApproval: true }) : null, [official]);

  const open = (id: number) => navigate(`/admin/campaign/${id}`);
  const notOfficial = me.data !== null && roles.length === 0;
  return (
    <Page className="page admin">
      <AppHeader title="Quản trị" />
      <NetworkBanner />
      <main className="content">
        {me.loading && roles.length === 0 ? <p role="status">Đang tải…</p> : null}
        {me.error && roles.length === 0 ? <ErrorBox message={adminErrorText(me.error)} /> : null}
        {notOfficial ? (
          <section className="card">
            <h2 className="card__title">Chỉ dành cho cán bộ</h2>
            <p>Chức năng này chỉ dành cho cán bộ được phân quyền. Nếu bạn là cán bộ, hãy nhờ cán bộ tỉnh hoặc người vận hành cấp quyền.</p>
          </section>
        ) : null}

        {roles.length ? (
          <>
            {approvals.data?.campaigns.length ? <ApprovalsCard campaigns={approvals.data.campaigns} onOpen={open} /> : null}
            <CampaignsCard official={official} onOpen={open} onRetry={() => void approvals.reload()} />

            <section className="card" aria-labelledby="reports-title">
              <h2 id="reports-title" className="card__title">
                Báo cáo
              </h2>
              <p className="admin-hint">
                Số tổ, thành viên đã tập huấn, người dân được ghi nhận, hộ được hỗ trợ, chi phí cho mỗi người dùng số mới; tải về CSV.
              </p>
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

            <section className="card" aria-labelledby="certificates-title">
              <h2 id="certificates-title" className="card__title">
                Chứng nhận
              </h2>
              <p className="admin-hint">Chứng nhận người dân đã nhận ở khu vực của bạn; thu hồi chứng nhận cấp nhầm, có ghi lý do.</p>
              <Button fullWidth variant="secondary" onClick={() => navigate("/admin/certificates")}>
                Chứng nhận đã cấp
              </Button>
            </section>

            {roles.some((r) => r.role !== "operator") ? (
              <section className="card" aria-labelledby="local-lessons-title">
                <h2 id="local-lessons-title" className="card__title">
                  Bài học của địa phương
                </h2>
                <p className="admin-hint">Soạn bài về các kênh, dịch vụ số của xã, phường, tỉnh; một cán bộ khác duyệt trước khi người dân thấy.</p>
                <Button fullWidth variant="secondary" onClick={() => navigate("/admin/local-lessons")}>
                  Bài học của địa phương
                </Button>
              </section>
            ) : null}

            {roles.some((r) => r.role !== "operator") ? (
              <section className="card" aria-labelledby="bulletins-title">
                <h2 id="bulletins-title" className="card__title">
                  Bản tin truyền thanh
                </h2>
                <p className="admin-hint">Bản tin cho loa truyền thanh của xã, phường: lời đọc, giọng đọc, tải MP3.</p>
                <Button fullWidth variant="secondary" onClick={() => navigate("/admin/bulletins")}>
                  Bản tin truyền thanh
                </Button>
              </section>
            ) : null}

            {roles.some((r) => r.role === "operator") ? (
              <section className="card" aria-labelledby="recordings-title">
                <h2 id="recordings-title" className="card__title">
                  Ghi âm bài học
                </h2>
                <p className="admin-hint">Thay giọng đọc của máy bằng giọng người cho các bước của bài học.</p>
                <Button fullWidth variant="secondary" onClick={() => navigate("/admin/recordings")}>
                  Ghi âm bài học
                </Button>
              </section>
            ) : null}

            {roles
              .filter((r) => r.role === "commune_official")
              .map((r) => (
                <CommunePointCard key={r.areaCode} code={r.areaCode} name={r.areaName} />
              ))}

            <QuestionsCard official={official} roles={roles} onFaqAdded={() => setFaqVersion((v) => v + 1)} />
            <AreaFaqCard official={official} operator={roles.some((r) => r.role === "operator")} version={faqVersion} />
            <RolesCard roles={roles} />
          </>
        ) : null}
      </main>
      <NavBar />
    </Page>
  );
}
