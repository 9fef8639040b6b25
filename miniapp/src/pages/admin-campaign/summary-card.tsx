import { isProvinceWide } from "../../../../shared/lib/campaign-rules";
import type { CampaignView } from "../../../../shared/schemas/responses/campaigns";
import { STATUS_TITLES, topicTitle } from "../../admin/format";
import { useAppState } from "../../state/store";
import { Card } from "../../components/card";

/** The campaign's title, status, area and topics. */
export function SummaryCard({ view }: { view: CampaignView }) {
  const roles = useAppState((s) => s.adminRoles);
  const { draft } = view;
  const areaName = roles.find((r) => r.areaCode === draft.areaCode)?.areaName ?? `mã ${draft.areaCode}`;
  const provinceWide = isProvinceWide(draft);
  return (
    <Card id="summary-title" title={draft.title}>
      <dl className="facts">
        <dt>Trạng thái</dt>
        <dd>
          <span className={`status status--${view.status}`}>{STATUS_TITLES[view.status] ?? view.status}</span>
        </dd>
        <dt>Khu vực</dt>
        <dd>
          {areaName}
          {provinceWide ? " (cả tỉnh/thành)" : ""}
        </dd>
        <dt>Chủ đề</dt>
        <dd>{draft.topics.map(topicTitle).join(", ")}</dd>
      </dl>
    </Card>
  );
}
