import { useEffect, useState } from "react";
import { Button, Page, useNavigate, useParams } from "zmp-ui";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import "../../admin/admin.css";
import { AppHeader } from "../../components/app-header";
import { NetworkBanner } from "../../components/network-banner";
import { useLoad } from "../../lib/use-load";
import { ActionsCard } from "./actions-card";
import { MessagesCard } from "./messages-card";
import { PlanCard } from "./plan-card";
import { StatsCard } from "./stats-card";
import { SummaryCard } from "./summary-card";
import { BulletinButton } from "./bulletin-button";

const POLL_MS = 2000;
/** A finished campaign's receipts (received, seen) still come in: looked at less often. */
const POLL_DONE_MS = 5000;

/** A campaign: its status, the messages as Zalo shows them, the plan, the actions, and live statistics. */
export default function AdminCampaignPage() {
  const { campaignId } = useParams();
  const id = Number(campaignId);
  const known = Number.isInteger(id) && id > 0;
  const navigate = useNavigate();
  const campaign = useLoad(known ? () => adminApi.campaign(id) : null, [id]);
  const view = campaign.data;
  const status = view?.status;
  // Statistics once the campaign has left the draft; every 2 seconds while it is being sent, then less often for
  // the receipts that still come in.
  const sent = !!status && status !== "draft" && status !== "awaiting_approval";
  const stats = useLoad(sent ? () => adminApi.stats(id) : null, [id, status], {
    pollMs: status === "sending" ? POLL_MS : status === "done" ? POLL_DONE_MS : null,
  });
  const [done, setDone] = useState<string | null>(null);

  // Nothing left to send: the server moves the campaign to "done"; read it again to show that — after every poll
  // that says so, since the server may settle the campaign a moment after its last delivery is counted.
  const statsData = stats.data;
  const { reload } = campaign;
  useEffect(() => {
    if (status === "sending" && statsData?.done) void reload();
  }, [status, statsData, reload]);

  const title = known ? `Chiến dịch số ${id}` : "Chiến dịch";
  if (!view) {
    const loadError = known ? (campaign.error ? adminErrorText(campaign.error) : null) : "Không có chiến dịch này.";
    return (
      <Page className="page admin">
        <AppHeader title={title} back="/admin" />
        <NetworkBanner />
        <main className="content">
          {loadError ? (
            <>
              <ErrorBox message={loadError} />
              <Button fullWidth variant="secondary" onClick={() => void reload()}>
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

  const open = status === "draft" || status === "awaiting_approval" || status === "scheduled" || status === "sending";
  const actions = open ? (
    <ActionsCard view={view} done={done} onDone={setDone} reload={reload} />
  ) : done && status !== "done" ? (
    <p className="done-box" role="status">
      {done}
    </p>
  ) : null;

  return (
    <Page className="page admin">
      <AppHeader title={title} back="/admin" />
      <NetworkBanner />
      <main className="content">
        <SummaryCard view={view} />
        {sent ? (
          <>
            <StatsCard campaignId={id} status={view.status} stats={stats.data} error={stats.error} />
            {actions}
            <PlanCard plan={view.plan} />
            <MessagesCard view={view} />
          </>
        ) : (
          <>
            <MessagesCard view={view} />
            <PlanCard plan={view.plan} />
            {actions}
          </>
        )}
        {status !== "cancelled" ? <BulletinButton campaignId={id} areaCode={view.draft.areaCode} /> : null}
        <Button fullWidth variant="tertiary" onClick={() => navigate("/admin", { direction: "backward" } as never)}>
          Về trang Quản trị
        </Button>
      </main>
    </Page>
  );
}
