import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { HANDS_ON_CONSENT } from "../../../shared/constants/assessment";
import type { HandsOnCode } from "../../../shared/schemas/assessment";
import { ErrorBox } from "../admin/error-box";
import { completionApi } from "../api/session";
import { qrDataUrl } from "../lib/qr";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";

const timeVN = (iso: string) => new Date(iso).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit" });

/**
 * The resident asks a tổ member to confirm their hands-on tasks: they read what they agree to, and only then is a
 * code shown (large, and as a QR code for the member's phone). While it is shown, the screen asks the server every
 * few seconds which tasks the member has confirmed (`onConfirmed`).
 */
export function HandsOnCodeBox({ skill, onConfirmed, label = "Nhờ thành viên tổ xác nhận" }: { skill: string; onConfirmed(): void; label?: string }) {
  const [code, setCode] = useState<HandsOnCode | null>(null);
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction();
  const qr = useLoad(code ? () => qrDataUrl(code.code) : null, [code?.code]);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    if (!code) return;
    setExpired(false);
    // Asks only while the code lasts and the app is in front; then the resident may show a new one.
    const timer = setInterval(() => {
      if (Date.now() >= Date.parse(code.expiresAt)) {
        setExpired(true);
        clearInterval(timer);
      } else if (document.visibilityState === "visible") onConfirmed();
    }, 5000);
    return () => clearInterval(timer);
  }, [code, onConfirmed]);

  const agree = () => run(async () => setCode(await completionApi.handsOnCode(skill, HANDS_ON_CONSENT.version)));

  if (code && expired)
    return (
      <div className="hands-on-box" role="status">
        <p>Mã {code.code} đã hết hạn.</p>
        <ErrorBox message={error} />
        <Button fullWidth variant="secondary" loading={busy} disabled={busy} onClick={() => void agree()}>
          Hiện mã mới
        </Button>
      </div>
    );
  if (code)
    return (
      <div className="hands-on-box" aria-live="polite">
        <p>Đưa mã này cho thành viên tổ công nghệ số để họ xác nhận trên điện thoại của họ:</p>
        <p className="hands-on-code" aria-label={`Mã xác nhận: ${code.code.split("").join(" ")}`}>
          {code.code}
        </p>
        {qr.data ? <img className="hands-on-qr" src={qr.data} alt={`Mã QR của mã xác nhận ${code.code}`} /> : null}
        <p className="question__hint">Mã dùng được đến {timeVN(code.expiresAt)}. Các việc được xác nhận sẽ hiện dấu ✓ ở trên.</p>
      </div>
    );
  if (asking)
    return (
      <div className="hands-on-box">
        <h3 className="card__title">Bạn đồng ý chứ?</h3>
        <p className="consent-text">{HANDS_ON_CONSENT.text}</p>
        <ErrorBox message={error} />
        <div className="completion-buttons">
          <Button variant="secondary" onClick={() => setAsking(false)}>
            Không đồng ý
          </Button>
          <Button loading={busy} disabled={busy} onClick={() => void agree()}>
            Đồng ý, hiện mã
          </Button>
        </div>
      </div>
    );
  return (
    <Button fullWidth variant="secondary" onClick={() => setAsking(true)}>
      {label}
    </Button>
  );
}
