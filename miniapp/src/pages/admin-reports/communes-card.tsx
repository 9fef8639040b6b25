import { Suspense } from "react";
import type { Report } from "../../../../shared/schemas/report";
import { Card } from "../../components/card";
import { CommuneBars } from "./charts";
import { num } from "./numbers";

const TOP_COMMUNES = 12;
const shortName = (name: string) => name.replace(/,.*$/, "").replace(/^(Phường|Xã|Đặc khu)\s+/, "");

/** New digital users by commune, the 12 with the most; a commune opens its own report. */
export function CommunesCard({ r, onOpen }: { r: Report; onOpen(code: string): void }) {
  const communes = [...r.communes].sort((a, b) => b.newDigitalUsers - a.newDigitalUsers || a.name.localeCompare(b.name)).slice(0, TOP_COMMUNES);
  return (
    <Card id="report-communes-title" title="Người dùng số mới theo xã/phường">
      <p className="admin-hint">
        {communes.length < r.communes.length
          ? `${TOP_COMMUNES} xã/phường nhiều nhất trong ${r.communes.length} xã/phường có tổ.`
          : `${r.communes.length} xã/phường có tổ.`}{" "}
        Chạm vào một xã để xem báo cáo riêng.
      </p>
      <Suspense fallback={<p role="status">Đang vẽ biểu đồ…</p>}>
        <CommuneBars
          title="Biểu đồ cột: người dùng số mới theo xã/phường"
          names={communes.map((c) => shortName(c.name))}
          values={communes.map((c) => c.newDigitalUsers)}
          color="#1565C0"
        />
      </Suspense>
      <ul className="plain-list">
        {communes.map((c) => (
          <li key={c.code}>
            <button type="button" className="list-button" onClick={() => onOpen(c.code)}>
              <span className="list-button__title">{c.name}</span>
              <span className="list-button__meta">
                {num(c.newDigitalUsers)} người dùng số mới · {c.teams} tổ · {c.trainedPct === null ? "—" : `${c.trainedPct} %`} thành viên đã học xong
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
