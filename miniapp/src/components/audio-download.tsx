import { useState } from "react";
import { Button } from "zmp-ui";
import { downloadAudio } from "../lib/audio";
import { useAppState } from "../state/store";

/** "Tải âm thanh": keeps the skill's step audio on the phone, to listen where there is no signal. */
export function AudioDownload({ lessonIds }: { lessonIds: string[] }) {
  const online = useAppState((s) => s.online);
  const [state, setState] = useState<{ done: number; total: number; failed: number | null } | null>(null);
  const busy = state !== null && state.failed === null;
  const start = async () => {
    setState({ done: 0, total: 0, failed: null });
    const failed = await downloadAudio(lessonIds, (done, total) => setState({ done, total, failed: null }));
    setState((s) => ({ done: s?.done ?? 0, total: s?.total ?? 0, failed }));
  };
  return (
    <section className="card audio-download" aria-labelledby="audio-download-title">
      <h2 id="audio-download-title" className="card__title">
        Nghe khi không có mạng
      </h2>
      <p className="audio-download__hint">Tải âm thanh các bài của kỹ năng này về máy khi có Wi-Fi, để bấm Nghe cả khi không có mạng.</p>
      <Button fullWidth variant="secondary" loading={busy} disabled={busy || !online} onClick={() => void start()}>
        Tải âm thanh về máy
      </Button>
      {state ? (
        <p role="status" className="audio-download__status">
          {state.failed === null
            ? `Đang tải ${state.done}/${state.total || "…"} bước…`
            : state.failed === 0
              ? `Đã tải xong ${state.total} bước. Bạn có thể nghe khi không có mạng.`
              : `Còn ${state.failed} phần chưa tải được. Hãy thử lại khi mạng tốt hơn.`}
        </p>
      ) : null}
    </section>
  );
}
