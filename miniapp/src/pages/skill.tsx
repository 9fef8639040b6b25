import { useMemo } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { AudioDownload } from "../components/audio-download";
import { NetworkBanner } from "../components/network-banner";
import { AreaLessons } from "../components/area-lessons";
import { LessonItem } from "../components/lesson-item";
import { findSkill } from "../lib/course";
import { LOCAL_SKILL } from "../lib/local-lessons";
import { useAppState } from "../state/store";

export default function SkillPage() {
  const { skillId } = useParams();
  const navigate = useNavigate();
  const progress = useAppState((s) => s.progress);
  const skill = skillId ? findSkill(skillId) : undefined;
  // The local lessons of my commune are downloaded with the local skill's audio too.
  const areaLessons = useAppState((s) => s.areaLessons);
  const localIds = useMemo(() => areaLessons?.lessons.map((l) => l.lesson.id) ?? [], [areaLessons]);
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
            <LessonItem key={l.id} l={l} p={progress[l.id]} />
          ))}
        </ol>
        {skill.id === LOCAL_SKILL ? <AreaLessons /> : null}
        <section className="card" aria-labelledby="complete-title">
          <h2 id="complete-title" className="card__title">
            Hoàn thành kỹ năng
          </h2>
          <p>Làm bài kiểm tra cuối, thực hành trên điện thoại của bạn với thành viên tổ công nghệ số, rồi nhận chứng nhận.</p>
          <Button fullWidth variant="secondary" onClick={() => navigate(`/skill/${skill.id}/complete`)}>
            Bài kiểm tra và chứng nhận
          </Button>
        </section>
        <button type="button" className="link-button" onClick={() => navigate("/glossary")}>
          Từ ngữ cần biết
        </button>
        <AudioDownload lessonIds={[...skill.lessons.map((l) => l.id), ...(skill.id === LOCAL_SKILL ? localIds : [])]} />
      </main>
    </Page>
  );
}
