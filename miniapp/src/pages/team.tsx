import { useEffect, useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { http } from "../lib/api";
import { skills } from "../lib/course";
import { saveImage, shareDeepLink } from "../lib/zalo-share";
import { errorText, qrDataUrl, teamApi, type Invite, type MyTeam } from "../team/api";
import { Members } from "../team/members";
import { PosterCard } from "../team/posters";
import "../team/team.css";
import { setState } from "../state/store";

type Load<T> = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; value: T };
type Team = NonNullable<MyTeam["team"]>;

const dateVN = (iso: string) => new Date(iso).toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
/**
 * The picture beside a shared link must be a web address Zalo can fetch: the poster of the first skill, carrying
 * the same ref code (GET /api/v1/posters/skill/<id>.png?ref=…).
 */
const thumbnail = (link: string) => {
  const ref = new URL(link).searchParams.get("ref");
  const u = new URL(`/api/v1/posters/skill/${skills[0]?.id ?? "co-ban"}.png`, http.defaults.baseURL || window.location.origin);
  if (ref) u.searchParams.set("ref", ref);
  return u.href;
};

/** A QR code with "Chia sẻ qua Zalo" and "Lưu ảnh vào máy". */
function QrCard({ title, hint, link, fileName, shareTitle }: { title: string; hint: string; link: string; fileName: string; shareTitle: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrDataUrl(link).then((u) => live && setSrc(u), () => live && setNote("Chưa tạo được mã QR."));
    return () => void (live = false);
  }, [link]);
  const share = async () => {
    const u = new URL(link);
    const r = await shareDeepLink({ title: shareTitle, description: "Mở ứng dụng Kỹ năng số cộng đồng trên Zalo", path: `/${u.search}`, thumbnail: thumbnail(link), link });
    setNote(r === "copied" ? "Đã chép đường dẫn. Hãy dán vào tin nhắn Zalo." : r === "failed" ? "Chưa chia sẻ được. Vui lòng thử lại." : null);
  };
  const save = async () => {
    if (src) setNote((await saveImage(src, fileName)) ? "Đã lưu ảnh mã QR vào máy." : "Chưa lưu được ảnh. Vui lòng thử lại.");
  };
  return (
    <section className="card qr-box" aria-labelledby={`${fileName}-title`}>
      <h2 id={`${fileName}-title`} className="card__title">
        {title}
      </h2>
      {src ? <img src={src} alt={`Mã QR: ${title}`} /> : <p role="status">Đang tạo mã QR…</p>}
      <p className="qr-box__hint">{hint}</p>
      <div className="button-row">
        <Button fullWidth onClick={() => void share()}>
          Chia sẻ qua Zalo
        </Button>
        <Button fullWidth variant="secondary" disabled={!src} onClick={() => void save()}>
          Lưu ảnh vào máy
        </Button>
      </div>
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}

/** The leader shows this to a new member: a single-use invite, valid 7 days. */
function InviteCard({ team }: { team: Team }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    try {
      setInvite(await teamApi.invite(team.id));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      {invite ? (
        <QrCard
          title="Mã mời vào tổ"
          hint={`Người được mời quét mã này bằng Zalo. Mỗi mã chỉ dùng cho một người, hết hạn ngày ${dateVN(invite.expiresAt)}.`}
          link={invite.link}
          fileName="ma-moi-vao-to"
          shareTitle={`Mời vào ${team.name}`}
        />
      ) : null}
      <Button fullWidth variant={invite ? "secondary" : "primary"} onClick={() => void make()}>
        {invite ? "Tạo mã mời cho người tiếp theo" : "Tạo mã mời thành viên"}
      </Button>
      <ErrorBox message={error} />
    </>
  );
}

/** "Tổ của tôi": my team, my personal QR code, recording a visit; for the leader, members and invites. */
export default function TeamPage() {
  const navigate = useNavigate();
  const [mine, setMine] = useState<Load<MyTeam>>({ state: "loading" });
  useEffect(() => {
    let live = true;
    teamApi.myTeam().then(
      (r) => {
        if (!live) return;
        setMine({ state: "ready", value: r });
        setState({ teamRole: r.team?.role ?? null });
      },
      (e) => live && setMine({ state: "error", message: errorText(e) }),
    );
    return () => void (live = false);
  }, []);
  const team = mine.state === "ready" ? mine.value.team : null;
  return (
    <Page className="page admin">
      <AppHeader title="Tổ của tôi" back="/" />
      <NetworkBanner />
      <main className="content stack">
        {mine.state === "loading" ? <p role="status">Đang tải…</p> : null}
        {mine.state === "error" ? <ErrorBox message={mine.message} /> : null}
        {mine.state === "ready" && !team ? (
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
