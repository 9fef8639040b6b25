import type { CampaignListItem } from "../../../../shared/schemas/campaign";
import { Card } from "../../components/card";
import { CampaignItem } from "./campaign-item";

/** Province-wide campaigns other officials wrote, waiting for me to approve them. */
export function ApprovalsCard({ campaigns, onOpen }: { campaigns: CampaignListItem[]; onOpen(id: number): void }) {
  return (
    <Card
      id="approvals-title"
      className="card--attention"
      title={
        <>
          Chờ tôi phê duyệt <span className="count-badge">{campaigns.length}</span>
        </>
      }
    >
      <p className="admin-hint">Tin gửi cả tỉnh/thành do cán bộ khác soạn. Mở tin, đọc kỹ rồi bấm Phê duyệt để gửi.</p>
      <ul className="plain-list">
        {campaigns.map((c) => (
          <CampaignItem key={c.id} c={c} onOpen={() => onOpen(c.id)} />
        ))}
      </ul>
    </Card>
  );
}
