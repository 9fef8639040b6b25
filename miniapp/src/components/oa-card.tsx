import { useState } from "react";
import { Button } from "zmp-ui";
import { chatWithOa, followOa } from "../state/actions";
import { useAppState } from "../state/store";

/**
 * "Quan tâm OA để nhận tin" (zmp-sdk followOA) and "Nhắn tin cho OA" (openChat type oa): news of the commune comes
 * through the OA "Chuyển đổi số quốc gia", and the chat answers questions. Shows whether the person follows it.
 */
export function OaCard({ lead = "Tin của xã, phường và lời nhắc học bài đến qua OA “Chuyển đổi số quốc gia” trên Zalo." }: { lead?: string }) {
  const oaId = useAppState((s) => s.oaId);
  const follows = useAppState((s) => s.followsOa);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (!oaId) return null;
  const follow = async () => {
    setBusy(true);
    const ok = await followOa();
    setBusy(false);
    setNote(ok ? null : "Chưa quan tâm được. Bạn hãy mở ứng dụng trong Zalo rồi thử lại.");
  };
  return (
    <section className="card oa-card" aria-labelledby="oa-card-title">
      <h2 id="oa-card-title" className="card__title">
        Nhận tin qua Zalo
      </h2>
      <p>{lead}</p>
      {follows ? (
        <p className="oa-card__state" role="status">
          Bạn đã quan tâm OA. Tin mới sẽ đến trong Zalo.
        </p>
      ) : (
        <Button fullWidth loading={busy} onClick={() => void follow()}>
          Quan tâm OA để nhận tin
        </Button>
      )}
      <Button fullWidth variant="secondary" onClick={() => void chatWithOa()}>
        Nhắn tin cho OA
      </Button>
      {note ? (
        <p className="oa-card__note" role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}
