import { useState } from "react";
import { Button } from "zmp-ui";
import { APPROVAL_MIN_COMMUNES, needsSecondApproval } from "../../../../shared/lib/campaign-rules";
import type { CampaignView } from "../../../../shared/schemas/responses/campaigns";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { num } from "../../admin/format";
import { Field } from "../../components/field";
import { Card } from "../../components/card";
import { Confirm } from "./confirm";
import { reachOf } from "./plan-card";
import { localInputValue, scheduledTime } from "./schedule";

type Action = "send" | "schedule" | "approve" | "cancel";

interface Props {
  view: CampaignView;
  /** What the last action did, said until the next one. */
  done: string | null;
  onDone(message: string | null): void;
  /** Reads the campaign again after an action. */
  reload(): Promise<void>;
}

/** What can be done with the campaign now: send or schedule a draft, approve it, cancel it. */
export function ActionsCard({ view, done, onDone, reload }: Props) {
  const { id, status, draft } = view;
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirm, setConfirm] = useState<"send" | "cancel" | null>(null);
  const [at, setAt] = useState("");
  const [atError, setAtError] = useState<string | null>(null);

  const act = async (action: Action) => {
    setFailure(null);
    onDone(null);
    let atIso: string | undefined;
    if (action === "schedule") {
      const when = scheduledTime(at, new Date());
      if ("problem" in when) return setAtError(when.problem);
      setAtError(null);
      atIso = when.at.toISOString();
    }
    setBusy(action);
    try {
      if (action === "send" || action === "schedule") {
        const r = await adminApi.send(id, atIso);
        onDone(
          r.status === "awaiting_approval"
            ? "Đã chuyển tin cho cán bộ khác phê duyệt. Tin sẽ gửi sau khi được phê duyệt."
            : r.status === "scheduled"
              ? `Đã hẹn giờ gửi lúc ${new Date(atIso!).toLocaleString("vi-VN")}.`
              : "Đã bắt đầu gửi tin. Số liệu gửi tin tự cập nhật.",
        );
      } else if (action === "approve") {
        const r = await adminApi.approve(id);
        onDone(r.status === "scheduled" ? "Đã phê duyệt. Tin sẽ gửi vào giờ đã hẹn." : "Đã phê duyệt. Đang gửi tin.");
      } else {
        const r = await adminApi.cancel(id);
        onDone(`Đã hủy chiến dịch. ${num(r.stopped)} tin chưa gửi đã được dừng.`);
      }
      setConfirm(null);
      await reload();
    } catch (e) {
      setFailure(adminErrorText(e));
      setConfirm(null);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card id="actions-title" title={status === "draft" ? "Gửi tin" : "Thao tác"}>
      {done ? (
        <p className="done-box" role="status">
          {done}
        </p>
      ) : null}
      <ErrorBox message={failure} />
      {status === "draft" ? (
        <>
          {needsSecondApproval(draft) ? (
            <p className="admin-hint">
              Tin gửi cả tỉnh/thành hoặc từ {APPROVAL_MIN_COMMUNES} xã/phường trở lên cần một cán bộ khác phê duyệt rồi mới được gửi.
            </p>
          ) : null}
          {confirm === "send" ? (
            <Confirm
              text={`Gửi tin này cho ${num(reachOf(view.plan))} người ngay bây giờ? Tin đã gửi không sửa hay thu hồi được.`}
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
            <Field id="f-at" name="at" label="Hoặc hẹn giờ gửi" hint="Giờ theo điện thoại của bạn, trong vòng 31 ngày tới." error={atError}>
              {(described) => (
                <input
                  className="field__input"
                  type="datetime-local"
                  value={at}
                  min={localInputValue(new Date())}
                  onChange={(e) => {
                    setAt(e.target.value);
                    setAtError(null);
                  }}
                  {...described}
                />
              )}
            </Field>
            <Button fullWidth variant="secondary" loading={busy === "schedule"} disabled={busy !== null} onClick={() => void act("schedule")}>
              Hẹn giờ
            </Button>
          </div>
        </>
      ) : null}
      {status === "awaiting_approval" ? (
        <>
          <p className="admin-hint">
            Tin gửi cả tỉnh/thành đang chờ một cán bộ khác (không phải người soạn hay người bấm gửi) phê duyệt. Tin hiện ở mục “Chờ tôi phê duyệt” trong trang
            Quản trị của họ.
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
    </Card>
  );
}
