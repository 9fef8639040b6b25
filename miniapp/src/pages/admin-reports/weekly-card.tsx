import { Suspense } from "react";
import type { Report } from "../../../../shared/schemas/report";
import { Card } from "../../components/card";
import { WeeklyLines } from "./charts";
import { num } from "./numbers";

const dm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

/** Theo từng tuần: residents credited, lessons completed and households helped, as lines and as numbers. */
export function WeeklyCard({ r, weeks }: { r: Report; weeks: number }) {
  return (
    <Card id="report-trend-title" title="Theo từng tuần">
      <Suspense fallback={<p role="status">Đang vẽ biểu đồ…</p>}>
        <WeeklyLines
          title={`Biểu đồ ${weeks} tuần: người dân được ghi nhận, bài học hoàn thành, lượt hộ được hỗ trợ`}
          weeks={r.weekly.map((w) => w.weekStart)}
          series={[
            { label: "Người dân được ghi nhận", color: "#1565C0", values: r.weekly.map((w) => w.residentsCredited) },
            { label: "Bài học hoàn thành", color: "#2E7D32", values: r.weekly.map((w) => w.lessonsCompleted) },
            { label: "Lượt hộ được hỗ trợ", color: "#C62828", values: r.weekly.map((w) => w.householdsVisited) },
          ]}
        />
      </Suspense>
      <details className="report-details">
        <summary>Xem số liệu từng tuần</summary>
        <ul className="plain-list report-rows">
          {r.weekly.map((w) => (
            <li key={w.weekStart}>
              Tuần từ {dm(w.weekStart)}: {num(w.residentsCredited)} người được ghi nhận, {num(w.lessonsCompleted)} bài học, {num(w.householdsVisited)} lượt hộ,{" "}
              {num(w.membersJoined)} thành viên mới
            </li>
          ))}
        </ul>
      </details>
    </Card>
  );
}
