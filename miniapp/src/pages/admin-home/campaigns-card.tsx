import { useState } from "react";
import { Button, useNavigate } from "zmp-ui";
import type { CampaignList } from "../../../../shared/schemas/campaign";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { useLoad } from "../../lib/use-load";
import { Card } from "../../components/card";
import { CampaignItem } from "./campaign-item";

/** The campaigns of my area, newest first, 20 at a time, and "Soạn tin mới". */
export function CampaignsCard({ official, onOpen, onRetry }: { official: boolean; onOpen(id: number): void; onRetry(): void }) {
  const navigate = useNavigate();
  const first = useLoad(official ? () => adminApi.campaigns() : null, [official]);
  /** The pages after the first, fetched with "Xem thêm". */
  const [later, setLater] = useState<CampaignList | null>(null);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const items = [...(first.data?.campaigns ?? []), ...(later?.campaigns ?? [])];
  const nextCursor = later ? later.nextCursor : (first.data?.nextCursor ?? null);

  const retry = () => {
    setLater(null);
    onRetry();
    void first.reload();
  };
  const loadMore = async () => {
    if (!nextCursor) return;
    setMore({ busy: true, error: null });
    try {
      const r = await adminApi.campaigns({ cursor: nextCursor });
      setLater((l) => ({ campaigns: [...(l?.campaigns ?? []), ...r.campaigns], nextCursor: r.nextCursor }));
      setMore({ busy: false, error: null });
    } catch (e) {
      setMore({ busy: false, error: adminErrorText(e) });
    }
  };

  return (
    <Card id="campaigns-title" title="Chiến dịch">
      <p>Soạn tin cho người quan tâm OA “Chuyển đổi số quốc gia” trong khu vực của bạn, xem trước đúng như trên Zalo, rồi lưu nháp và gửi.</p>
      <Button fullWidth size="large" onClick={() => navigate("/admin/compose")}>
        Soạn tin mới
      </Button>
      <h3 className="admin-subtitle">Tin của khu vực</h3>
      {first.status === "loading" ? <p role="status">Đang tải danh sách…</p> : null}
      {first.status === "error" ? (
        <>
          <ErrorBox message={adminErrorText(first.error)} />
          <Button fullWidth variant="secondary" onClick={retry}>
            Thử lại
          </Button>
        </>
      ) : null}
      {first.status === "ready" && items.length === 0 ? <p className="empty-note">Khu vực của bạn chưa có chiến dịch nào.</p> : null}
      {first.status === "ready" && items.length > 0 ? (
        <ul className="plain-list">
          {items.map((c) => (
            <CampaignItem key={c.id} c={c} onOpen={() => onOpen(c.id)} />
          ))}
        </ul>
      ) : null}
      {first.status === "ready" && nextCursor ? (
        <Button fullWidth variant="secondary" loading={more.busy} disabled={more.busy} onClick={() => void loadMore()}>
          Xem thêm
        </Button>
      ) : null}
      {more.error ? <ErrorBox message={more.error} /> : null}
    </Card>
  );
}
