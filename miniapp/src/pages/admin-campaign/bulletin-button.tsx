import { useState } from "react";
import { Button, useNavigate } from "zmp-ui";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";

/** "Làm bản tin loa": the campaign's news as a draft bulletin for the commune loudspeaker, opened in Bản tin truyền thanh. */
export function BulletinButton({ campaignId, areaCode }: { campaignId: number; areaCode: string }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      await adminApi.createBulletin({ areaCode, source: { kind: "campaign", campaignId }, class: "thuong" });
      navigate("/admin/bulletins");
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button fullWidth variant="secondary" loading={busy} disabled={busy} onClick={() => void make()}>
        Làm bản tin loa từ tin này
      </Button>
      <ErrorBox message={error} />
    </>
  );
}
