import { useAppState } from "../state/store";

/** Tells the learner they are offline and that nothing is lost; shows what waits to be sent. */
export function NetworkBanner() {
  const online = useAppState((s) => s.online);
  const pending = useAppState((s) => s.queue.length);
  if (online) return null;
  return (
    <div className="network-banner" role="status" aria-live="polite">
      Bạn đang ngoại tuyến. Bài học vẫn dùng được; {pending > 0 ? `${pending} kết quả đang chờ gửi` : "kết quả sẽ được lưu"} và tự gửi khi có mạng.
    </div>
  );
}
