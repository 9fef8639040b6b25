import type { CampaignListItem } from "../../../../shared/schemas/campaign";
import { CampaignItem } from "./campaign-item";

/** Province-wide campaigns other officials wrote, waiting for me to approve them. */
export function ApprovalsCard({ campaigns, onOpen }: { campaigns: CampaignListItem[]; onOpen(id: number): void }) {
  return (
    <section className="card card--attention" aria-labelledby="approvals-title">
      <h2 id="approvals-title" className="card__title">
        Chờ tôi phê duyệt <span className="count-badge">{campaigns.length}</span>
      </h2>
      <p className="admin-hint">Tin gửi cả tỉnh/thành do cán bộ khác soạn. Mở tin, đọc kỹ rồi bấm Phê duyệt để gửi.</p>
      <ul className="plain-list">
        {campaigns.map((c) => (
          <CampaignItem key={c.id} c={c} onOpen={() => onOpen(c.id)} />
        ))}
      </ul>
    </section>
  );
}
