import { Button } from "zmp-ui";
import { apiUrl } from "../api/http";
import { skills } from "../lib/course";
import { openExternal } from "../lib/zalo-webview";

/** GET /api/v1/posters/skill/<id>.<pdf|png>?ref=<my code>: on the API's origin, which the web preview shares. */
export function posterUrl(skillId: string, format: "pdf" | "png", refCode: string): string {
  const u = apiUrl(`/api/v1/posters/skill/${encodeURIComponent(skillId)}.${format}`);
  u.searchParams.set("ref", refCode);
  return u.href;
}

/** Posters carrying my own QR code: an A4 page to print and stick up, a square picture for Zalo groups. */
export function PosterCard({ refCode }: { refCode: string }) {
  return (
    <section className="card" aria-labelledby="posters-title">
      <h2 id="posters-title" className="card__title">
        Áp phích có mã QR của bạn
      </h2>
      <p>In khổ A4 để dán ở nhà văn hóa, chợ, trạm y tế; hoặc gửi ảnh vuông vào nhóm Zalo của khu phố. Ai quét mã sẽ được ghi nhận cho bạn khi họ đồng ý.</p>
      <ul className="poster-list">
        {skills.map((s) => (
          <li key={s.id} className="poster-list__item">
            <span className="poster-list__title">{s.title}</span>
            <div className="poster-list__actions">
              <Button
                size="small"
                variant="secondary"
                onClick={() => void openExternal(posterUrl(s.id, "pdf", refCode))}
                aria-label={`In áp phích A4: ${s.title}`}
              >
                In A4
              </Button>
              <Button
                size="small"
                variant="tertiary"
                onClick={() => void openExternal(posterUrl(s.id, "png", refCode))}
                aria-label={`Ảnh vuông cho Zalo: ${s.title}`}
              >
                Ảnh vuông
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
