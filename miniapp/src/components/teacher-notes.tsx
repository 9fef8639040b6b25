import { Button } from "zmp-ui";
import type { Lesson } from "../../../shared/schemas/content";
import { apiUrl } from "../api/http";
import { openExternal } from "../lib/zalo-webview";
import { useAppState } from "../state/store";

/** GET /api/v1/posters/<lessonId>/teacher-notes.pdf: the notes on an A4 page, in the posters' typeface. */
export const teacherNotesUrl = (lessonId: string) => apiUrl(`/api/v1/posters/${encodeURIComponent(lessonId)}/teacher-notes.pdf`).href;

/**
 * The lesson's notes for the tổ member who teaches it door to door, folded under the step. Shown to team members
 * and officials only: a resident learning alone has no use for them (they are no secret: the course is open).
 */
export function TeacherNotes({ lesson }: { lesson: Lesson }) {
  const member = useAppState((s) => s.teamRole !== null || s.adminRoles.length > 0);
  const notes = lesson.teacherNotes;
  if (!member || !notes) return null;
  return (
    <details className="card teacher-notes">
      <summary className="teacher-notes__summary">Ghi chú cho tổ công nghệ số</summary>
      <h3>Cho xem trên điện thoại của người dân</h3>
      <ul>
        {notes.show.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Lỗi thường gặp</h3>
      <ul>
        {notes.mistakes.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h3>Bài thực hành</h3>
      <p>{notes.handsOn}</p>
      <h3>Nguồn</h3>
      <ul className="teacher-notes__sources">
        {notes.sources.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <Button size="small" variant="secondary" onClick={() => void openExternal(teacherNotesUrl(lesson.id))}>
        In ghi chú (PDF khổ A4)
      </Button>
    </details>
  );
}
