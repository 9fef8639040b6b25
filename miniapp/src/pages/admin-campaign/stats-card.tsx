import { useState } from "react";
import { Button } from "zmp-ui";
import type { CampaignStats, CampaignStatus } from "../../../../shared/schemas/campaign";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { num, STATUS_TITLES, vnd } from "../../admin/format";
import { saveFile } from "../../lib/save-file";
import { Card } from "../../components/card";
import { Row } from "./row";

function StatsTable({ stats }: { stats: CampaignStats }) {
  const failedCodes = Object.entries(stats.failedByCode);
  return (
    <table className="num-table">
      <caption className="num-table__caption">Số liệu gửi tin</caption>
      <tbody>
        <Row label="Đã gửi" value={num(stats.sent)} strong />
        <Row label="Chờ trong hộp tin" value={num(stats.held)} />
        <Row label="Đã đọc trong mục Tin mới của ứng dụng" value={num(stats.readInApp)} />
        <Row label="Đang chờ gửi" value={num(stats.planned + stats.sending)} />
        <Row
          label="Lỗi"
          value={failedCodes.length ? `${num(stats.failed)} (mã lỗi ${failedCodes.map(([c, n]) => `${c}: ${num(n)}`).join(", ")})` : num(stats.failed)}
        />
        <Row label="Đã dừng do hủy" value={num(stats.cancelled)} />
        <Row label="Đã nhận" value={num(stats.received)} />
        <Row label="Đã xem" value={num(stats.seen)} />
        {stats.heldForQuota ? <Row label="Chờ vì hết hạn mức tin hoặc tiền Zalo Cloud" value={num(stats.heldForQuota)} /> : null}
        <Row label="Chi phí dự kiến" value={vnd(stats.plannedCostVnd)} />
        <Row label="Chi phí thực tế (theo Zalo)" value={vnd(stats.costVnd)} strong />
      </tbody>
    </table>
  );
}

/** The numbers of a campaign that has gone out, updating themselves, and their CSV. */
export function StatsCard({ campaignId, status, stats, error }: { campaignId: number; status: CampaignStatus; stats: CampaignStats | null; error: unknown }) {
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const downloadCsv = async () => {
    setCsvBusy(true);
    setCsvError(null);
    try {
      saveFile(await adminApi.statsCsv(campaignId), `chien-dich-${campaignId}.csv`);
    } catch (e) {
      setCsvError(adminErrorText(e));
    } finally {
      setCsvBusy(false);
    }
  };
  return (
    <Card id="stats-title" title="Thống kê gửi tin">
      <p className="live-note" role="status">
        {status === "sending"
          ? "Đang gửi — tự cập nhật mỗi 2 giây."
          : status === "done"
            ? "Đã gửi xong. Số người nhận và đã xem vẫn tự cập nhật."
            : STATUS_TITLES[status]}
      </p>
      {error ? <ErrorBox message={adminErrorText(error)} /> : null}
      {stats ? <StatsTable stats={stats} /> : <p role="status">Đang tải số liệu…</p>}
      <Button fullWidth variant="secondary" loading={csvBusy} disabled={csvBusy} onClick={() => void downloadCsv()}>
        Tải CSV
      </Button>
      {csvError ? <ErrorBox message={csvError} /> : null}
    </Card>
  );
}
