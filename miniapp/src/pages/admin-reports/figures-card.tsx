import { Button } from "zmp-ui";
import type { Report } from "../../../../shared/schemas/report";
import { Card } from "../../components/card";
import { num, vnd } from "./numbers";

function Figure({ value, label, note }: { value: string; label: string; note?: string }) {
  return (
    <div className="figure">
      <span className="figure__value">{value}</span>
      <span className="figure__label">{label}</span>
      {note ? <span className="figure__note">{note}</span> : null}
    </div>
  );
}

/** Số liệu chính: new digital users, their cost, members trained, residents, lessons, households; and the CSV. */
export function FiguresCard({ r, downloading, onDownload }: { r: Report; downloading: boolean; onDownload(): void }) {
  return (
    <Card id="report-figures-title" title="Số liệu chính">
      <div className="figures">
        <Figure
          value={num(r.totals.newDigitalUsers)}
          label="Người dùng số mới"
          note="mỗi người một lần: người dân được ghi nhận đã học ít nhất một bài, và người trong sổ theo dõi đã có VNeID mức 2 hoặc tài khoản thanh toán"
        />
        <Figure
          value={r.cost.perNewDigitalUserVnd === null ? "—" : vnd(r.cost.perNewDigitalUserVnd)}
          label="Chi phí cho mỗi người dùng số mới"
          note={`tổng ${vnd(r.cost.totalVnd)} cho ${num(r.cost.teamMonths)} tháng-tổ và ${num(r.totals.trained)} thành viên đã tập huấn`}
        />
        <Figure
          value={r.totals.trainedPct === null ? "—" : `${r.totals.trainedPct} %`}
          label="Thành viên đã học xong kỹ năng cốt lõi"
          note={`${num(r.totals.trained)} / ${num(r.totals.members)} thành viên`}
        />
        <Figure
          value={num(r.totals.residentsCredited)}
          label="Người dân được ghi nhận"
          note={`${num(r.totals.residentsLearning)} người đã học ít nhất một bài`}
        />
        <Figure value={num(r.totals.lessonsCompleted)} label="Bài học đã hoàn thành" />
        <Figure value={num(r.totals.householdsVisited)} label="Lượt hộ gia đình được hỗ trợ" />
        <Figure value={num(r.totals.accountsCreated)} label="Tài khoản được tạo" />
        <Figure value={num(r.totals.teams)} label="Số tổ" />
      </div>
      <Button fullWidth variant="secondary" loading={downloading} onClick={onDownload}>
        Tải báo cáo (CSV, mở bằng Excel)
      </Button>
    </Card>
  );
}
