import { useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import { useLoad } from "../lib/use-load";
import "../team/team.css";
import { getState, setState } from "../state/store";

/**
 * The consent screen: a resident who opened the app through a team's or member's code is asked, with two plain
 * buttons and nothing chosen in advance, whether that member and team may be credited. Declining changes nothing
 * else: they learn as before, and are not asked again on this phone.
 */
export default function CreditPage() {
  const navigate = useNavigate();
  const ref = getState().ref ?? "";
  const credit = useLoad(() => teamApi.creditStatus(ref), [ref]);
  const status = credit.data;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const finish = () => {
    setState({ creditAsked: true });
    navigate("/", { replace: true } as never);
  };
  const agree = async () => {
    if (!status) return;
    setBusy(true);
    try {
      const r = await teamApi.credit(ref, status.consent.version);
      setState({ creditAsked: true });
      setDone(`Cảm ơn bạn! Đã ghi nhận cho ${r.teamName}.`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page className="page admin">
      <AppHeader title="Ghi nhận người giới thiệu" />
      <main className="content">
        {credit.loading ? <p role="status">Đang tải…</p> : null}
        {done ? (
          <section className="card">
            <p className="done-box" role="status">
              {done}
            </p>
            <Button fullWidth size="large" onClick={() => navigate("/", { replace: true } as never)}>
              Bắt đầu học
            </Button>
          </section>
        ) : status?.state === "open" ? (
          <section className="card">
            <h2 className="card__title">Bạn mở ứng dụng nhờ {status.memberName ?? status.teamName}</h2>
            {status.memberName ? <p className="team-card__meta">Thành viên {status.teamName}</p> : null}
            <p className="consent-text">{status.consent.text}</p>
            <div className="button-row">
              <Button fullWidth size="large" loading={busy} disabled={busy} onClick={() => void agree()}>
                Đồng ý
              </Button>
              <Button fullWidth variant="secondary" disabled={busy} onClick={finish}>
                Không đồng ý
              </Button>
            </div>
          </section>
        ) : status ? (
          <section className="card">
            <p>{status.state === "credited" ? `Bạn đã được ghi nhận cho ${status.teamName ?? "một tổ"}.` : "Không có gì cần xác nhận."}</p>
            <Button fullWidth onClick={finish}>
              Về trang chủ
            </Button>
          </section>
        ) : null}
        <ErrorBox message={error ?? (credit.error ? errorText(credit.error) : null)} />
      </main>
    </Page>
  );
}
