import { Button } from "zmp-ui";
import { apiUrl } from "../api/http";
import { skills } from "../lib/course";
import { openExternal } from "../lib/zalo-webview";
import { useAppState } from "../state/store";

/** GET /api/v1/posters/skill/<id>.<pdf|png>?ref=<my code>: on the API's origin, which the web preview shares. */
export function posterUrl(skillId: string, format: "pdf" | "png", refCode: string): string {
  const u = apiUrl(`/api/v1/posters/skill/${encodeURIComponent(skillId)}.${format}`);
  u.searchParams.set("ref", refCode);
  return u.href;
}

/** GET /api/v1/posters/<lessonId>.<pdf|png>?ref=<my code>: one lesson's poster (the local lessons of my commune). */
function lessonPosterUrl(lessonId: string, format: "pdf" | "png", refCode: string): string {
  const u = apiUrl(`/api/v1/posters/${encodeURIComponent(lessonId)}.${format}`);
  u.searchParams.set("ref", refCode);
  return u.href;
}

/** Posters carrying my own QR code: an A4 page to print and stick up, a square picture for Zalo groups. */
export function PosterCard({ refCode }: { refCode: string }) {
  const areaLessons = useAppState((s) => s.areaLessons);
  const items = [
    ...skills.map((s) => ({ key: s.id, title: s.title, url: (f: "pdf" | "png") => posterUrl(s.id, f, refCode) })),
    ...(areaLessons?.lessons ?? []).map((l) => ({
      key: l.lesson.id,
      title: l.lesson.title,
      url: (f: "pdf" | "png") => lessonPosterUrl(l.lesson.id, f, refCode),
    })),
  ];
  return (
    <section className="card" aria-labelledby="posters-title">
      <h2 id="posters-title" className="card__title">
        Áp phích có mã QR của bạn
      </h2>
      <p>In khổ A4 để dán ở nhà văn hóa, chợ, trạm y tế; hoặc gửi ảnh vuông vào nhóm Zalo của khu phố. Ai quét mã sẽ được ghi nhận cho bạn khi họ đồng ý.</p>
      <ul className="poster-list">
        {items.map((s) => (
          <li key={s.key} className="poster-list__item">
            <span className="poster-list__title">{s.title}</span>
            <div className="poster-list__actions">
              <Button size="small" variant="secondary" onClick={() => void openExternal(s.url("pdf"))} aria-label={`In áp phích A4: ${s.title}`}>
                In A4
              </Button>
              <Button size="small" variant="tertiary" onClick={() => void openExternal(s.url("png"))} aria-label={`Ảnh vuông cho Zalo: ${s.title}`}>
                Ảnh vuông
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
