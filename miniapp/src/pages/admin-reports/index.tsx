import { useState } from "react";
import { Page, useLocation } from "zmp-ui";
import { AREA_CODE } from "../../../../shared/constants/patterns";
import type { ReportScopeQuery } from "../../api/client";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import "../../admin/admin.css";
import "../../admin/reports.css";
import { AppHeader } from "../../components/app-header";
import { Field } from "../../components/field";
import { NavBar } from "../../components/nav-bar";
import { NetworkBanner } from "../../components/network-banner";
import { saveFile } from "../../lib/save-file";
import { useLoad } from "../../lib/use-load";
import { OutcomesCard } from "./outcomes-card";
import { useAppState } from "../../state/store";
import { CommunesCard } from "./communes-card";
import { CostCard } from "./cost-card";
import { FiguresCard } from "./figures-card";
import { SkillsCard } from "./skills-card";
import { VisitsCard } from "./visits-card";
import { WeeklyCard } from "./weekly-card";

const WEEK_CHOICES = [4, 12, 26, 52];

/** Báo cáo: what the teams of a province, a commune or one team have done, with charts and a CSV download. */
export default function AdminReportsPage() {
  const roles = useAppState((s) => s.adminRoles);
  const areaRoles = roles.filter((r) => r.role !== "operator");
  const isOperator = roles.some((r) => r.role === "operator");
  const teamParam = Number(new URLSearchParams(useLocation().search).get("team")) || null;
  const [scope, setScope] = useState<ReportScopeQuery | null>(
    teamParam ? { team: teamParam } : areaRoles[0] ? { area: areaRoles[0].areaCode } : isOperator ? { area: "01" } : null,
  );
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
                    onBlur={(e) => AREA_CODE.test(e.target.value) && setScope({ area: e.target.value })}
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
            <FiguresCard r={r} downloading={downloading} onDownload={() => void download()} />
            <OutcomesCard r={r} onChanged={() => void report.reload()} />
            <WeeklyCard r={r} weeks={weeks} />
            {r.communes.length > 1 ? <CommunesCard r={r} onOpen={(code) => setScope({ area: code })} /> : null}
            <SkillsCard r={r} />
            <VisitsCard r={r} />
            <CostCard r={r} canSeeTeams={isOperator || areaRoles.length > 0} />
          </>
        ) : null}
      </main>
      <NavBar />
    </Page>
  );
}
