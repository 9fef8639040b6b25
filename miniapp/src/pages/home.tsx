import { Button, Page, useNavigate } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { ProgressBar } from "../components/progress-bar";
import { SandboxPicker } from "../components/sandbox-picker";
import { NameCard } from "../components/name-card";
import { OaCard } from "../components/oa-card";
import { useEffect } from "react";
import { nextLessonToLearn, skills } from "../lib/course";
import { refreshNewsCount } from "../state/actions";
import { getState, useAppState } from "../state/store";

export default function HomePage() {
  const navigate = useNavigate();
  const progress = useAppState((s) => s.progress);
  // "Người học" is not a name to greet anyone by: only a name the person chose to share.
  const name = useAppState((s) => (s.session?.learner.nameSaved ? s.session.learner.name : null));
  const next = nextLessonToLearn(progress);
  const signedIn = useAppState((s) => !!s.session);
  const unread = useAppState((s) => s.newsUnread);
  const teamRole = useAppState((s) => s.teamRole);
  useEffect(() => {
    const token = getState().session?.token;
    if (token) void refreshNewsCount(token);
  }, []);
  return (
    <Page className="page">
      <AppHeader title="Kỹ năng số cộng đồng" />
      <NetworkBanner />
      <main className="content">
        <SandboxPicker />
        <section className="card hero">
          <p className="hero__hello">{name ? `Xin chào, ${name}!` : "Xin chào!"}</p>
          <p>Mỗi bài chỉ vài phút. Đọc từng bước, rồi làm bài kiểm tra ngắn.</p>
          {next ? (
            <Button fullWidth size="large" onClick={() => navigate(`/lesson/${next.id}`)} aria-label={`Học tiếp: ${next.title}`}>
              Học tiếp: {next.title}
            </Button>
          ) : (
            <p className="hero__done">Bạn đã hoàn thành tất cả các bài. Chúc mừng bạn!</p>
          )}
        </section>
        {signedIn ? <NameCard /> : null}
        {signedIn ? (
          <button type="button" className="news-entry" onClick={() => navigate("/news")}>
            <span className="news-entry__title">Tin mới</span>
            {unread ? (
              <span className="count-badge">
                {unread > 99 ? "99+" : unread}
                <span className="sr-only"> tin chưa đọc</span>
              </span>
            ) : (
              <span className="news-entry__meta">Tin từ chính quyền gửi bạn</span>
            )}
          </button>
        ) : null}
        {signedIn && teamRole ? (
          <button type="button" className="news-entry team-entry" onClick={() => navigate("/team")}>
            <span className="news-entry__title">Tổ của tôi</span>
            <span className="news-entry__meta">{teamRole === "leader" ? "Tổ trưởng" : "Mã QR, ghi nhận hộ"}</span>
          </button>
        ) : null}
        <h2 className="section-title">Các kỹ năng</h2>
        <ul className="skill-list">
          {skills.map((s) => {
            const passed = s.lessons.filter((l) => progress[l.id]?.passed).length;
            return (
              <li key={s.id}>
                <button type="button" className="skill-card" style={{ borderLeftColor: s.color }} onClick={() => navigate(`/skill/${s.id}`)}>
                  <span className="skill-card__title">{s.title}</span>
                  <span className="skill-card__meta">
                    Đã đạt {passed}/{s.lessons.length} bài
                  </span>
                  <ProgressBar value={passed} max={s.lessons.length} label={`Tiến độ kỹ năng ${s.short}`} />
                </button>
              </li>
            );
          })}
        </ul>
        <OaCard />
      </main>
      <NavBar />
    </Page>
  );
}
