import { useState } from "react";
import { Button } from "zmp-ui";
import { saveMyName } from "../state/actions";
import { useAppState } from "../state/store";

/**
 * Asks once, saying why, to let the app read the person's Zalo name (zmp-sdk authorize, scope.userInfo). Without
 * it they learn as "Người học" and nothing else changes. Shown only to someone signed in whose name is not saved.
 */
export function NameCard({ why = "Để tổ trưởng và cán bộ biết ai đã học, ứng dụng có thể dùng tên Zalo của bạn." }: { why?: string }) {
  const saved = useAppState((s) => s.session?.learner.nameSaved ?? true);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (saved) return null;
  const save = async () => {
    setBusy(true);
    const r = await saveMyName();
    setBusy(false);
    setNote(
      r === "refused"
        ? "Bạn chưa cho phép. Bạn vẫn học bình thường với tên “Người học”."
        : r === "offline"
          ? "Chưa lưu được vì mất mạng. Bạn thử lại sau nhé."
          : null,
    );
  };
  return (
    <section className="card name-card" aria-labelledby="name-card-title">
      <h2 id="name-card-title" className="card__title">
        Lưu tên của bạn
      </h2>
      <p>{why} Ứng dụng chỉ đọc tên và ảnh đại diện, không đọc số điện thoại.</p>
      <Button fullWidth variant="secondary" loading={busy} onClick={() => void save()}>
        Lưu tên của tôi
      </Button>
      {note ? (
        <p className="name-card__note" role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}
