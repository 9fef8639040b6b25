import { useNavigate } from "zmp-ui";
import type { LessonSummary } from "../../../shared/schemas/content";
import type { LocalLessonProgress } from "../state/store";

function Badge({ p }: { p: LocalLessonProgress | undefined }) {
  if (p?.passed) return <span className="badge badge--passed">Đã đạt {p.bestScorePct}%</span>;
  if (p?.attempts) return <span className="badge badge--tried">Chưa đạt ({p.bestScorePct ?? 0}%)</span>;
  if (p?.read) return <span className="badge badge--read">Đã đọc</span>;
  return <span className="badge">Chưa học</span>;
}

/** One lesson in a skill's list: its number, title, length and where I am with it. */
export function LessonItem({ l, p, from }: { l: LessonSummary; p: LocalLessonProgress | undefined; from?: string }) {
  const navigate = useNavigate();
  return (
    <li>
      <button type="button" className="lesson-card" onClick={() => navigate(`/lesson/${l.id}`)}>
        <span className="lesson-card__order" aria-hidden>
          {l.order}
        </span>
        <span className="lesson-card__body">
          <span className="lesson-card__title">{l.title}</span>
          <span className="lesson-card__meta">
            {l.minutes} phút · {l.questions} câu hỏi{from ? ` · ${from}` : ""}
          </span>
          <Badge p={p} />
        </span>
      </button>
    </li>
  );
}
