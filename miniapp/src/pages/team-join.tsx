import { useState } from "react";
import { Button, Page, useLocation, useNavigate } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { NameCard } from "../components/name-card";
import { AppHeader } from "../components/app-header";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import { useLoad } from "../lib/use-load";
import "../team/team.css";
import { setState } from "../state/store";

/** Opened from a team's invite QR code (?invite=<code>): shows the team, and joins it when the person confirms. */
export default function TeamJoinPage() {
  const navigate = useNavigate();
  const code = new URLSearchParams(useLocation().search).get("invite") ?? "";
  const invite = useLoad(() => teamApi.previewInvite(code), [code]);
  const preview = invite.data;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const join = async () => {
    setBusy(true);
    try {
      await teamApi.join(code);
      setState({ teamRole: "member" });
      navigate("/team", { replace: true } as never);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page className="page admin">
      <AppHeader title="Tham gia tổ" back="/" />
      <main className="content">
        {invite.loading ? <p role="status">Đang kiểm tra mã mời…</p> : null}
        {preview ? (
          <section className="card">
            <p className="admin-hint">Bạn được mời vào</p>
            <h2 className="team-card__name">{preview.teamName}</h2>
            <p className="team-card__meta">{preview.communeName}</p>
            <p>
              Thành viên tổ học hết các bài kỹ năng số cơ bản, rồi giúp bà con cài và dùng VNeID, dịch vụ công, thanh toán. Tổ trưởng sẽ thấy tên và tiến độ học
              của bạn.
            </p>
            <NameCard why="Để tổ trưởng biết bạn là ai trong danh sách tổ, ứng dụng cần dùng tên Zalo của bạn." />
            <div className="button-row">
              <Button fullWidth size="large" loading={busy} disabled={busy} onClick={() => void join()}>
                Tham gia tổ
              </Button>
              <Button fullWidth variant="secondary" onClick={() => navigate("/", { replace: true } as never)}>
                Để sau
              </Button>
            </div>
          </section>
        ) : null}
        <ErrorBox message={error ?? (invite.error ? errorText(invite.error) : null)} />
      </main>
    </Page>
  );
}
