import { lazy, Suspense, useState } from "react";
import { Button, Page, useLocation, useNavigate } from "zmp-ui";
import type { ReportScopeQuery } from "../api/client";
import { adminErrorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { Field } from "../components/field";
import { saveFile } from "../lib/save-file";
import { useLoad } from "../lib/use-load";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import "../admin/reports.css";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { NetworkBanner } from "../components/network-banner";
import { useAppState } from "../state/store";

// uPlot comes with the charts only, after the numbers are on screen.
const WeeklyLines = lazy(() => import("../admin/charts").then((m) => ({ default: m.WeeklyLines })));
const CommuneBars = lazy(() => import("../admin/charts").then((m) => ({ default: m.CommuneBars })));

const num = (n: number) => n.toLocaleString("vi-VN");
const vnd = (n: number) => `${n.toLocaleString("vi-VN")} đ`;
const shortName = (name: string) => name.replace(/,.*$/, "").replace(/^(Phường|Xã|Đặc khu)\s+/, "");
const dm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
const WEEK_CHOICES = [4, 12, 26, 52];
const TOP_COMMUNES = 12;

function Figure({ value, label, note }: { value: string; label: string; note?: string }) {
  return (
    <div className="figure">
      <span className="figure__value">{value}</span>
      <span className="figure__label">{label}</span>
      {note ? <span className="figure__note">{note}</span> : null}
    </div>
  );
}

/** Báo cáo: what the teams of a province, a commune or one team have done, with charts and a CSV download. */
export default function AdminReportsPage() {
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const areaRoles = roles.filter((r) => r.role !== "operator");
  const isOperator = roles.some((r) => r.role === "operator");
  const teamParam = Number(new URLSearchParams(useLocation().search).get("team")) || null;
  const [scope, setScope] = useState<ReportScopeQuery | null>(teamParam ? { team: teamParam } : areaRoles[0] ? { area: areaRoles[0].areaCode } : isOperator ? { area: "01" } : null);
  const [weeks, setWeeks] = useState(12);
  const report = useLoad(scope ? () => adminApi.report(scope, weeks) : null, [scope, weeks]);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const error = downloadError ?? (report.error ? adminErrorText(report.error) : null);
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    if (!scope) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      saveFile(await adminApi.reportCsv(scope, weeks), `bao-cao-${"area" in scope ? scope.area : `to-${scope.team}`}.csv`);
    } catch (e) {
      setDownloadError(adminErrorText(e));
    } finally {
      setDownloading(false);
    }
  };

  const r = report.data;
  const communes = r ? [...r.communes].sort((a, b) => b.newDigitalUsers - a.newDigitalUsers || a.name.localeCompare(b.name)).slice(0, TOP_COMMUNES) : [];
  const scopeKey = scope ? ("area" in scope ? `a:${scope.area}` : `t:${scope.team}`) : "";
  return (
    <Page className="page admin">
      <AppHeader title="Báo cáo" back />
      <NetworkBanner />
      <main className="page__body">
        <section className="card" aria-labelledby="report-scope-title">
          <h2 id="report-scope-title" className="card__title">
            {r ? r.scope.name : "Báo cáo của tổ công nghệ số"}
          </h2>
          {areaRoles.length > 1 || isOperator ? (
            <Field id="report-area" label="Khu vực">
              {(described) =>
                isOperator ? (
                  <input
                    className="field__input"
                    inputMode="numeric"
                    defaultValue={scope && "area" in scope ? scope.area : ""}
                    placeholder="Mã tỉnh (2 số) hoặc mã xã (5 số)"
                    onBlur={(e) => /^\d{2}$|^\d{5}$/.test(e.target.value) && setScope({ area: e.target.value })}
                    {...described}
                  />
                ) : (
                  <select className="field__input" value={scopeKey} onChange={(e) => setScope({ area: e.target.value.slice(2) })} {...described}>
                    {areaRoles.map((a) => (
                      <option key={a.areaCode} value={`a:${a.areaCode}`}>
                        {a.areaName}
                      </option>
                    ))}
                  </select>
                )
              }
            </Field>
          ) : null}
          <Field id="report-weeks" label="Xu hướng trong">
            {(described) => (
              <select className="field__input" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} {...described}>
                {WEEK_CHOICES.map((w) => (
                  <option key={w} value={w}>
                    {w} tuần gần nhất
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!scope ? <p className="admin-hint">Bạn chưa được giao khu vực nào để xem báo cáo.</p> : null}
          <ErrorBox message={error} />
          {scope && !r && !error ? <p role="status">Đang tải báo cáo…</p> : null}
        </section>

        {r ? (
          <>
            <section className="card" aria-labelledby="report-figures-title">
              <h2 id="report-figures-title" className="card__title">
                Số liệu chính
              </h2>
              <div className="figures">
                <Figure value={num(r.totals.newDigitalUsers)} label="Người dùng số mới" note="người dân đã học ít nhất một bài + tài khoản tạo khi đến hộ" />
                <Figure
                  value={r.cost.perNewDigitalUserVnd === null ? "—" : vnd(r.cost.perNewDigitalUserVnd)}
                  label="Chi phí cho mỗi người dùng số mới"
                  note={`tổng ${vnd(r.cost.totalVnd)} cho ${num(r.cost.teamMonths)} tháng-tổ và ${num(r.totals.trained)} thành viên đã tập huấn`}
                />
                <Figure value={r.totals.trainedPct === null ? "—" : `${r.totals.trainedPct} %`} label="Thành viên đã học xong kỹ năng cốt lõi" note={`${num(r.totals.trained)} / ${num(r.totals.members)} thành viên`} />
                <Figure value={num(r.totals.residentsCredited)} label="Người dân được ghi nhận" note={`${num(r.totals.residentsLearning)} người đã học ít nhất một bài`} />
                <Figure value={num(r.totals.lessonsCompleted)} label="Bài học đã hoàn thành" />
                <Figure value={num(r.totals.householdsVisited)} label="Lượt hộ gia đình được hỗ trợ" />
                <Figure value={num(r.totals.accountsCreated)} label="Tài khoản được tạo" />
                <Figure value={num(r.totals.teams)} label="Số tổ" />
              </div>
              <Button fullWidth variant="secondary" loading={downloading} onClick={() => void download()}>
                Tải báo cáo (CSV, mở bằng Excel)
              </Button>
            </section>

            <section className="card" aria-labelledby="report-trend-title">
              <h2 id="report-trend-title" className="card__title">
                Theo từng tuần
              </h2>
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
                      Tuần từ {dm(w.weekStart)}: {num(w.residentsCredited)} người được ghi nhận, {num(w.lessonsCompleted)} bài học, {num(w.householdsVisited)} lượt hộ, {num(w.membersJoined)} thành viên mới
                    </li>
                  ))}
                </ul>
              </details>
            </section>

            {r.communes.length > 1 ? (
              <section className="card" aria-labelledby="report-communes-title">
                <h2 id="report-communes-title" className="card__title">
                  Người dùng số mới theo xã/phường
                </h2>
                <p className="admin-hint">
                  {communes.length < r.communes.length ? `${TOP_COMMUNES} xã/phường nhiều nhất trong ${r.communes.length} xã/phường có tổ.` : `${r.communes.length} xã/phường có tổ.`} Chạm vào một xã để xem báo cáo riêng.
                </p>
                <Suspense fallback={<p role="status">Đang vẽ biểu đồ…</p>}>
                  <CommuneBars title="Biểu đồ cột: người dùng số mới theo xã/phường" names={communes.map((c) => shortName(c.name))} values={communes.map((c) => c.newDigitalUsers)} color="#1565C0" />
                </Suspense>
                <ul className="plain-list">
                  {communes.map((c) => (
                    <li key={c.code}>
                      <button type="button" className="list-button" onClick={() => setScope({ area: c.code })}>
                        <span className="list-button__title">{c.name}</span>
                        <span className="list-button__meta">
                          {num(c.newDigitalUsers)} người dùng số mới · {c.teams} tổ · {c.trainedPct === null ? "—" : `${c.trainedPct} %`} thành viên đã học xong
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            <section className="card" aria-labelledby="report-skills-title">
              <h2 id="report-skills-title" className="card__title">
                Tỷ lệ đạt bài kiểm tra theo kỹ năng
              </h2>
              <p className="admin-hint">Của người dân được ghi nhận: số bài đạt từ 80 % trên số bài đã làm.</p>
              <ul className="plain-list">
                {r.quizBySkill.map((s) => (
                  <li key={s.skillId} className="meter">
                    <div className="meter__top">
                      <span>{s.title}</span>
                      <strong>{s.passRatePct === null ? "—" : `${s.passRatePct} %`}</strong>
                    </div>
                    <div className="meter__bar" aria-hidden="true">
                      <span style={{ width: `${s.passRatePct ?? 0}%` }} />
                    </div>
                    <span className="meter__note">
                      {num(s.passed)} / {num(s.attempted)} bài
                    </span>
                  </li>
                ))}
              </ul>
            </section>

            <section className="card" aria-labelledby="report-kinds-title">
              <h2 id="report-kinds-title" className="card__title">
                Hỗ trợ hộ gia đình theo việc
              </h2>
              <ul className="plain-list report-rows">
                {r.visitsByKind.map((k) => (
                  <li key={k.kind}>
                    <strong>{num(k.visits)}</strong> {k.label}
                    {k.account ? " (tạo tài khoản)" : ""}
                  </li>
                ))}
              </ul>
            </section>

            <section className="card" aria-labelledby="report-cost-title">
              <h2 id="report-cost-title" className="card__title">
                Cách tính chi phí
              </h2>
              <p className="admin-hint">
                Mỗi tổ tính {vnd(r.cost.teamMonthVnd)} cho mỗi tháng hoạt động, và {vnd(r.cost.memberTrainedVnd)} cho mỗi thành viên học xong kỹ năng cốt lõi. Chi phí cho mỗi người dùng số mới = tổng chi phí chia cho số người dùng số mới.
              </p>
              {isOperator || areaRoles.length ? (
                <Button fullWidth variant="tertiary" onClick={() => navigate("/admin/teams")}>
                  Xem các tổ
                </Button>
              ) : null}
            </section>
          </>
        ) : null}
      </main>
      <NavBar />
    </Page>
  );
}
