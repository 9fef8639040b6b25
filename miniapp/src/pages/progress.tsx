import { Button, Page, useNavigate } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { ProgressBar } from "../components/progress-bar";
import { SandboxPicker } from "../components/sandbox-picker";
import { skills } from "../lib/course";
import { useAppState } from "../state/store";

export default function ProgressPage() {
  const navigate = useNavigate();
  const progress = useAppState((s) => s.progress);
  const pending = useAppState((s) => s.queue.length);
  const signedIn = useAppState((s) => !!s.session);
  const lessons = skills.flatMap((s) => s.lessons);
  const passed = lessons.filter((l) => progress[l.id]?.passed).length;
  const mastered = skills.filter((s) => s.lessons.length > 0 && s.lessons.every((l) => progress[l.id]?.passed)).length;
  return (
    <Page className="page">
      <AppHeader title="Tiến độ của tôi" />
      <NetworkBanner />
      <main className="content">
        <section className="card stats">
          <p className="stats__item">
            <span className="stats__number">{mastered}</span>
            <span>/{skills.length} kỹ năng đã thành thạo</span>
          </p>
          <p className="stats__item">
            <span className="stats__number">{passed}</span>
            <span>/{lessons.length} bài đã đạt</span>
          </p>
          <p className="sync-status" role="status">
            {pending > 0
              ? `${pending} kết quả đang chờ gửi lên máy chủ.`
              : signedIn
                ? "Tiến độ đã được lưu trên máy chủ."
                : "Tiến độ đang được lưu trên điện thoại này."}
          </p>
        </section>
        <ul className="skill-list">
          {skills.map((s) => {
            const done = s.lessons.filter((l) => progress[l.id]?.passed).length;
            return (
              <li key={s.id} className="card">
                <p className="skill-card__title">{s.title}</p>
                <p className="skill-card__meta">{done === s.lessons.length && done > 0 ? "Đã thành thạo" : `Đã đạt ${done}/${s.lessons.length} bài`}</p>
                <ProgressBar value={done} max={s.lessons.length} label={`Tiến độ kỹ năng ${s.short}`} />
              </li>
            );
          })}
        </ul>
        <Button fullWidth variant="secondary" onClick={() => navigate("/certificates")}>
          Chứng nhận của tôi
        </Button>
        <SandboxPicker compact />
      </main>
      <NavBar />
    </Page>
  );
}
