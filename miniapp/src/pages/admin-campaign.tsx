import { useCallback, useEffect, useState } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import type { CampaignStats, CampaignStatus } from "../../../shared/schemas/campaign";
import type { CampaignView } from "../../../shared/schemas/responses/campaigns";
import { adminErrorText as errorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { saveFile } from "../lib/save-file";
import { ChatPreview } from "../admin/chat-preview";
import { ErrorBox } from "../admin/error-box";
import { num, STATUS_TITLES, topicTitle, vnd } from "../admin/format";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NetworkBanner } from "../components/network-banner";
import { useAppState } from "../state/store";
import { APPROVAL_MIN_COMMUNES, needsSecondApproval } from "../../../shared/lib/campaign-rules";

const POLL_MS = 2000;
/** A finished campaign's receipts (received, seen) still come in: looked at less often. */
const POLL_DONE_MS = 5000;
type Action = "send" | "schedule" | "approve" | "cancel";

/** "2025-06-02T09:30" in the phone's time zone, for a datetime-local input. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <tr className={strong ? "is-strong" : undefined}>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

const reachOf = (plan: CampaignView["plan"]) => plan.free + plan.quota + plan.paid + plan.promotion + plan.inbox;

function PlanTable({ plan }: { plan: CampaignView["plan"] }) {
  const reach = reachOf(plan);
  return (
    <table className="num-table">
      <caption className="num-table__caption">Dự kiến theo danh sách người quan tâm hiện nay</caption>
      <tbody>
        <Row label="Nhận miễn phí (đã nhắn OA trong 48 giờ, còn lượt trả lời miễn phí)" value={num(plan.free)} />
        <Row label="Nhận bằng hạn mức tin của OA (2–7 ngày)" value={num(plan.quota)} />
        <Row label="Nhận tin có phí (2–7 ngày)" value={num(plan.paid)} />
        <Row label="Nhận tin truyền thông" value={num(plan.promotion)} />
        <Row label="Chờ trong hộp tin (nhận khi nhắn OA)" value={num(plan.inbox)} />
        {plan.waitingForQuota ? <Row label="…trong đó chờ vì hết hạn mức tin của OA" value={num(plan.waitingForQuota)} /> : null}
        <Row label="Tổng số người sẽ nhận" value={num(reach)} strong />
        {plan.unknown ? <Row label="Chưa rõ còn quan tâm OA không (sẽ hỏi Zalo trước khi gửi)" value={num(plan.unknown)} /> : null}
        <Row label="Không gửi: đã bỏ quan tâm OA" value={num(plan.excluded.unfollowed)} />
        <Row label="Không gửi: không đăng ký chủ đề này" value={num(plan.excluded.unsubscribed)} />
        <Row label="Không gửi: ở khu vực khác" value={num(plan.excluded.outsideArea)} />
        <Row label="Hạn mức tin của OA còn lại" value={plan.quotaRemaining === null ? "chưa đọc được từ Zalo" : num(plan.quotaRemaining)} />
        <Row label="Số tin mỗi người nhận" value={num(plan.messagesPerPerson)} />
        <Row label="Chi phí ước tính" value={vnd(plan.estimatedCostVnd)} strong />
      </tbody>
    </table>
  );
}

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
        <Row label="Lỗi" value={failedCodes.length ? `${num(stats.failed)} (mã lỗi ${failedCodes.map(([c, n]) => `${c}: ${num(n)}`).join(", ")})` : num(stats.failed)} />
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

/** Asks once more before what cannot be undone. */
function Confirm({ text, yes, onYes, onNo, busy }: { text: string; yes: string; onYes(): void; onNo(): void; busy: boolean }) {
  return (
    <div className="confirm" role="group" aria-label="Xác nhận">
      <p className="confirm__text">{text}</p>
      <div className="confirm__buttons">
        <Button variant="secondary" disabled={busy} onClick={onNo}>
          Thôi
        </Button>
        <Button loading={busy} disabled={busy} onClick={onYes}>
          {yes}
        </Button>
      </div>
    </div>
  );
}

/** A campaign: its status, the messages as Zalo shows them, the plan, the actions, and live statistics. */
export default function AdminCampaignPage() {
  const { campaignId } = useParams();
  const id = Number(campaignId);
  const navigate = useNavigate();
  const roles = useAppState((s) => s.adminRoles);
  const [view, setView] = useState<CampaignView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stats, setStats] = useState<CampaignStats | null>(null);
  const [statsError, setStatsError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirm, setConfirm] = useState<"send" | "cancel" | null>(null);
  const [at, setAt] = useState("");
  const [atError, setAtError] = useState<string | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);

  const status: CampaignStatus | undefined = view?.status;

  const load = useCallback(async () => {
    try {
      setView(await adminApi.campaign(id));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }, [id]);

  const loadStats = useCallback(async () => {
    try {
      setStats(await adminApi.stats(id));
      setStatsError(null);
    } catch (e) {
      setStatsError(errorText(e));
    }
  }, [id]);

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load();
    else setLoadError("Không có chiến dịch này.");
  }, [load]);

  // Statistics once the campaign has left the draft; every 2 seconds while it is being sent, then less often for
  // the receipts that still come in.
  useEffect(() => {
    if (!status || status === "draft" || status === "awaiting_approval") return;
    void loadStats();
    if (status !== "sending" && status !== "done") return;
    const timer = setInterval(
      () => {
        if (document.visibilityState !== "hidden") void loadStats();
      },
      status === "sending" ? POLL_MS : POLL_DONE_MS,
    );
    return () => clearInterval(timer);
  }, [status, loadStats]);

  // Nothing left to send: the server moves the campaign to "done"; read it again to show that.
  const settled = status === "sending" && !!stats?.done;
  useEffect(() => {
    if (settled) void load();
  }, [settled, load]);

  const act = async (action: Action) => {
    setFailure(null);
    setDone(null);
    let atIso: string | undefined;
    if (action === "schedule") {
      const when = at ? new Date(at) : null;
      if (!when || Number.isNaN(when.getTime())) return setAtError("Hãy chọn ngày và giờ gửi.");
      if (when.getTime() <= Date.now()) return setAtError("Hãy chọn một thời điểm sau bây giờ.");
      if (when.getTime() > Date.now() + 31 * 24 * 3600_000) return setAtError("Chỉ hẹn giờ trong vòng 31 ngày tới.");
      setAtError(null);
      atIso = when.toISOString();
    }
    setBusy(action);
    try {
      if (action === "send" || action === "schedule") {
        const r = await adminApi.send(id, atIso);
        setDone(
          r.status === "awaiting_approval"
            ? "Đã chuyển tin cho cán bộ khác phê duyệt. Tin sẽ gửi sau khi được phê duyệt."
            : r.status === "scheduled"
              ? `Đã hẹn giờ gửi lúc ${new Date(atIso!).toLocaleString("vi-VN")}.`
              : "Đã bắt đầu gửi tin. Số liệu gửi tin tự cập nhật.",
        );
      } else if (action === "approve") {
        const r = await adminApi.approve(id);
        setDone(r.status === "scheduled" ? "Đã phê duyệt. Tin sẽ gửi vào giờ đã hẹn." : "Đã phê duyệt. Đang gửi tin.");
      } else {
        const r = await adminApi.cancel(id);
        setDone(`Đã hủy chiến dịch. ${num(r.stopped)} tin chưa gửi đã được dừng.`);
      }
      setConfirm(null);
      await load();
    } catch (e) {
      setFailure(errorText(e));
      setConfirm(null);
    } finally {
      setBusy(null);
    }
  };

  const downloadCsv = async () => {
    setCsvBusy(true);
    setCsvError(null);
    try {
      saveFile(await adminApi.statsCsv(id), `chien-dich-${id}.csv`);
    } catch (e) {
      setCsvError(errorText(e));
    } finally {
      setCsvBusy(false);
    }
  };

  const title = Number.isInteger(id) && id > 0 ? `Chiến dịch số ${id}` : "Chiến dịch";
  if (!view) {
    return (
      <Page className="page admin">
        <AppHeader title={title} back="/admin" />
        <NetworkBanner />
        <main className="content">
          {loadError ? (
            <>
              <ErrorBox message={loadError} />
              <Button fullWidth variant="secondary" onClick={() => void load()}>
                Thử lại
              </Button>
            </>
          ) : (
            <p role="status">Đang tải chiến dịch…</p>
          )}
        </main>
      </Page>
    );
  }

  const { draft, plan } = view;
  const reach = reachOf(plan);
  const areaName = roles.find((r) => r.areaCode === draft.areaCode)?.areaName ?? `mã ${draft.areaCode}`;
  const provinceWide = draft.areaCode.length === 2 && draft.communes.length === 0;
  const needsApproval = needsSecondApproval(draft);
  const open = status === "draft" || status === "awaiting_approval" || status === "scheduled" || status === "sending";
  const beforeSending = status === "draft" || status === "awaiting_approval";
  const finished = status === "done";

  const messagesCard = (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title" className="card__title">
        Tin sẽ gửi
      </h2>
      <ChatPreview messages={view.messages} />
      {draft.usePromotion ? <ChatPreview messages={[view.promotion]} title="Tin truyền thông, xem trước trên Zalo" /> : null}
    </section>
  );
  const planCard = (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title" className="card__title">
        Kế hoạch gửi
      </h2>
      <PlanTable plan={plan} />
    </section>
  );
  const actionsCard = open ? (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title" className="card__title">
        {status === "draft" ? "Gửi tin" : "Thao tác"}
      </h2>
      {done ? (
        <p className="done-box" role="status">
          {done}
        </p>
      ) : null}
      <ErrorBox message={failure} />
      {status === "draft" ? (
        <>
          {needsApproval ? <p className="admin-hint">Tin gửi cả tỉnh/thành hoặc từ {APPROVAL_MIN_COMMUNES} xã/phường trở lên cần một cán bộ khác phê duyệt rồi mới được gửi.</p> : null}
          {confirm === "send" ? (
            <Confirm
              text={`Gửi tin này cho ${num(reach)} người ngay bây giờ? Tin đã gửi không sửa hay thu hồi được.`}
              yes="Xác nhận gửi"
              busy={busy === "send"}
              onYes={() => void act("send")}
              onNo={() => setConfirm(null)}
            />
          ) : (
            <Button fullWidth size="large" disabled={busy !== null} onClick={() => setConfirm("send")}>
              Gửi ngay
            </Button>
          )}
          <div className="schedule">
            <label className="field__label" htmlFor="f-at">
              Hoặc hẹn giờ gửi
            </label>
            <input
              id="f-at"
              className="field__input"
              type="datetime-local"
              value={at}
              min={localInputValue(new Date())}
              onChange={(e) => {
                setAt(e.target.value);
                setAtError(null);
              }}
              aria-invalid={atError ? true : undefined}
              aria-describedby={atError ? "at-hint at-error" : "at-hint"}
            />
            <p id="at-hint" className="field__hint">
              Giờ theo điện thoại của bạn, trong vòng 31 ngày tới.
            </p>
            {atError ? (
              <p id="at-error" className="field__error">
                {atError}
              </p>
            ) : null}
            <Button fullWidth variant="secondary" loading={busy === "schedule"} disabled={busy !== null} onClick={() => void act("schedule")}>
              Hẹn giờ
            </Button>
          </div>
        </>
      ) : null}
      {status === "awaiting_approval" ? (
        <>
          <p className="admin-hint">
            Tin gửi cả tỉnh/thành đang chờ một cán bộ khác (không phải người soạn hay người bấm gửi) phê duyệt. Tin hiện ở mục “Chờ tôi phê duyệt” trong trang Quản trị của họ.
          </p>
          <Button fullWidth size="large" loading={busy === "approve"} disabled={busy !== null} onClick={() => void act("approve")}>
            Phê duyệt
          </Button>
        </>
      ) : null}
      {status === "scheduled" ? <p className="admin-hint">Tin sẽ tự gửi vào giờ đã hẹn. Bạn vẫn có thể hủy trước giờ đó.</p> : null}
      {confirm === "cancel" ? (
        <Confirm
          text={status === "sending" ? "Hủy chiến dịch? Những tin chưa gửi sẽ không được gửi nữa." : "Hủy chiến dịch này? Tin sẽ không được gửi."}
          yes="Xác nhận hủy"
          busy={busy === "cancel"}
          onYes={() => void act("cancel")}
          onNo={() => setConfirm(null)}
        />
      ) : (
        <Button fullWidth variant="tertiary" className="danger-button" disabled={busy !== null} onClick={() => setConfirm("cancel")}>
          Hủy
        </Button>
      )}
    </section>
  ) : done && !finished ? (
    <p className="done-box" role="status">
      {done}
    </p>
  ) : null;
  const statsCard = status && status !== "draft" && status !== "awaiting_approval" ? (
    <section className="card" aria-labelledby="stats-title">
      <h2 id="stats-title" className="card__title">
        Thống kê gửi tin
      </h2>
      <p className="live-note" role="status">
        {status === "sending" ? "Đang gửi — tự cập nhật mỗi 2 giây." : finished ? "Đã gửi xong. Số người nhận và đã xem vẫn tự cập nhật." : STATUS_TITLES[status]}
      </p>
      {statsError ? <ErrorBox message={statsError} /> : null}
      {stats ? <StatsTable stats={stats} /> : <p role="status">Đang tải số liệu…</p>}
      <Button fullWidth variant="secondary" loading={csvBusy} disabled={csvBusy} onClick={() => void downloadCsv()}>
        Tải CSV
      </Button>
      {csvError ? <ErrorBox message={csvError} /> : null}
    </section>
  ) : null;

  return (
    <Page className="page admin">
      <AppHeader title={title} back="/admin" />
      <NetworkBanner />
      <main className="content">
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title" className="card__title">
            {draft.title}
          </h2>
          <dl className="facts">
            <dt>Trạng thái</dt>
            <dd>
              <span className={`status status--${status}`}>{STATUS_TITLES[view.status] ?? view.status}</span>
            </dd>
            <dt>Khu vực</dt>
            <dd>
              {areaName}
              {provinceWide ? " (cả tỉnh/thành)" : ""}
            </dd>
            <dt>Chủ đề</dt>
            <dd>{draft.topics.map(topicTitle).join(", ")}</dd>
          </dl>
        </section>

        {beforeSending ? (
          <>
            {messagesCard}
            {planCard}
            {actionsCard}
          </>
        ) : (
          <>
            {statsCard}
            {actionsCard}
            {planCard}
            {messagesCard}
          </>
        )}
        <Button fullWidth variant="tertiary" onClick={() => navigate("/admin", { direction: "backward" } as never)}>
          Về trang Quản trị
        </Button>
      </main>
    </Page>
  );
}
