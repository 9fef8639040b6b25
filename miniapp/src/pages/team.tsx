import { Button, Page, useNavigate } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import { useLoad } from "../lib/use-load";
import { InviteCard, QrCard } from "../team/invite-card";
import { Members } from "../team/members";
import { PosterCard } from "../team/posters";
import "../team/team.css";
import { setState } from "../state/store";

/** "Tổ của tôi": my team, my personal QR code, recording a visit; for the leader, members and invites. */
export default function TeamPage() {
  const navigate = useNavigate();
  const mine = useLoad(async () => {
    const r = await teamApi.myTeam();
    setState({ teamRole: r.team?.role ?? null });
    return r;
  }, []);
  const team = mine.data?.team ?? null;
  return (
    <Page className="page admin">
      <AppHeader title="Tổ của tôi" back="/" />
      <NetworkBanner />
      <main className="content stack">
        {mine.loading ? <p role="status">Đang tải…</p> : null}
        {mine.error ? <ErrorBox message={errorText(mine.error)} /> : null}
        {mine.data && !team ? (
          <section className="card">
            <h2 className="card__title">Bạn chưa ở tổ công nghệ số nào</h2>
            <p>Để tham gia, hãy nhờ tổ trưởng cho quét mã mời vào tổ bằng Zalo.</p>
          </section>
        ) : null}
        {team ? (
          <>
            <section className="card" aria-labelledby="team-title">
              <h2 id="team-title" className="team-card__name">
                {team.name}
              </h2>
              <p className="team-card__meta">{team.communeName}</p>
              <p className="team-card__meta">{team.role === "leader" ? "Bạn là tổ trưởng" : "Bạn là thành viên"}</p>
              <div className="team-counts">
                <div>
                  <strong>{team.visits}</strong>
                  <span>hộ đã hỗ trợ</span>
                </div>
                <div>
                  <strong>{team.residentsCredited}</strong>
                  <span>người dân qua mã của bạn</span>
                </div>
              </div>
            </section>
            <Button fullWidth size="large" onClick={() => navigate("/team/visit")}>
              Ghi nhận hộ đã hỗ trợ
            </Button>
            <Button fullWidth variant="secondary" onClick={() => navigate("/team/hands-on")}>
              Xác nhận thực hành của người dân
            </Button>
            <Button fullWidth variant="secondary" onClick={() => navigate("/team/ledger")}>
              Sổ theo dõi hộ gia đình
            </Button>
            {team.role === "leader" ? (
              <>
                <Members teamId={team.id} canRemove />
                <InviteCard team={team} />
                <Button fullWidth variant="secondary" onClick={() => navigate(`/admin/reports?team=${team.id}`)}>
                  Báo cáo của tổ
                </Button>
              </>
            ) : null}
            <QrCard
              title="Mã QR của tôi"
              hint="Người dân quét mã này để mở ứng dụng học. Bạn được ghi nhận khi họ đồng ý."
              link={team.myLink}
              fileName="ma-qr-cua-toi"
              shareTitle="Học kỹ năng số cùng tổ công nghệ số"
            />
            <PosterCard refCode={team.myRefCode} />
          </>
        ) : null}
      </main>
      <NavBar />
    </Page>
  );
}
