import type { CampaignListItem } from "../../../../shared/schemas/campaign";
import { vietnamDateTime } from "../../../../shared/lib/vietnam-time";
import { num, STATUS_LABELS } from "../../admin/format";

function dateLine(c: CampaignListItem): string {
  if (c.status === "scheduled" && c.scheduledAt) return `Hẹn gửi lúc ${vietnamDateTime(c.scheduledAt)}`;
  if (c.sentAt) return `${c.status === "awaiting_approval" ? "Gửi duyệt" : "Gửi"} lúc ${vietnamDateTime(c.sentAt)}`;
  return `Soạn lúc ${vietnamDateTime(c.createdAt)}`;
}

/** One campaign in a list: status, title, area, when, and the numbers once it has gone out. */
export function CampaignItem({ c, onOpen }: { c: CampaignListItem; onOpen(): void }) {
  const out = c.status === "sending" || c.status === "done" || (c.status === "cancelled" && c.counts.sent + c.counts.held + c.counts.failed > 0);
  return (
    <li>
      <button type="button" className="list-button campaign-item" onClick={onOpen}>
        <span className="campaign-item__top">
          <span className={`status status--${c.status}`}>{STATUS_LABELS[c.status]}</span>
          <span className="campaign-item__no">Số {c.id}</span>
        </span>
        <span className="list-button__title">{c.title}</span>
        <span className="list-button__meta">
          {c.areaName}
          {c.provinceWide ? " (cả tỉnh/thành)" : ""}
        </span>
        <span className="list-button__meta">{dateLine(c)}</span>
        {out ? (
          <span className="list-button__meta campaign-item__counts">
            <span>Đã gửi {num(c.counts.sent)}</span> · <span>Chờ trong hộp tin {num(c.counts.held)}</span> · <span>Lỗi {num(c.counts.failed)}</span>
          </span>
        ) : null}
      </button>
    </li>
  );
}
