import { Page, useNavigate, useParams } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { AudioDownload } from "../components/audio-download";
import { NetworkBanner } from "../components/network-banner";
import { findSkill } from "../lib/course";
import { useAppState, type LocalLessonProgress } from "../state/store";

function Badge({ p }: { p: LocalLessonProgress | undefined }) {
  if (p?.passed) return <span className="badge badge--passed">Đã đạt {p.bestScorePct}%</span>;
  if (p?.attempts) return <span className="badge badge--tried">Chưa đạt ({p.bestScorePct ?? 0}%)</span>;
  if (p?.read) return <span className="badge badge--read">Đã đọc</span>;
  return <span className="badge">Chưa học</span>;
}

export default function SkillPage() {
  const { skillId } = useParams();
  const navigate = useNavigate();
  const progress = useAppState((s) => s.progress);
  const skill = skillId ? findSkill(skillId) : undefined;
  if (!skill) {
    return (
      <Page className="page">
        <AppHeader title="Không tìm thấy" back="/" />
        <main className="content">
          <p>Không có kỹ năng này.</p>
        </main>
      </Page>
    );
  }
  return (
    <Page className="page">
      <AppHeader title={skill.short} back="/" />
      <NetworkBanner />
      <main className="content">
        <p className="lead">{skill.description}</p>
        <ol className="lesson-list">
          {skill.lessons.map((l) => (
            <li key={l.id}>
              <button type="button" className="lesson-card" onClick={() => navigate(`/lesson/${l.id}`)}>
                <span className="lesson-card__order" aria-hidden>
                  {l.order}
                </span>
                <span className="lesson-card__body">
                  <span className="lesson-card__title">{l.title}</span>
                  <span className="lesson-card__meta">
                    {l.minutes} phút · {l.questions} câu hỏi
                  </span>
                  <Badge p={progress[l.id]} />
                </span>
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="link-button" onClick={() => navigate("/glossary")}>
          Từ ngữ cần biết
        </button>
        <AudioDownload lessonIds={skill.lessons.map((l) => l.id)} />
      </main>
    </Page>
  );
}
