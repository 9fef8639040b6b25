import { useState } from "react";
import { Button } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import type { Invite } from "../../../shared/schemas/team";
import { errorText } from "../api/error-text";
import { apiUrl } from "../api/http";
import { teamApi } from "../api/session";
import { skills } from "../lib/course";
import { qrDataUrl } from "../lib/qr";
import { useLoad } from "../lib/use-load";
import { saveImage, shareDeepLink } from "../lib/zalo-share";
import { VIETNAM_TIME_ZONE } from "../../../shared/lib/vietnam-time";

const dateVN = (iso: string) => new Date(iso).toLocaleDateString("vi-VN", { timeZone: VIETNAM_TIME_ZONE });
/**
 * The picture beside a shared link must be a web address Zalo can fetch: the poster of the first skill, carrying
 * the same ref code (GET /api/v1/posters/skill/<id>.png?ref=…).
 */
const thumbnail = (link: string) => {
  const ref = new URL(link).searchParams.get("ref");
  const u = apiUrl(`/api/v1/posters/skill/${skills[0]?.id ?? "co-ban"}.png`);
  if (ref) u.searchParams.set("ref", ref);
  return u.href;
};

/** A QR code with "Chia sẻ qua Zalo" and "Lưu ảnh vào máy". */
export function QrCard({ title, hint, link, fileName, shareTitle }: { title: string; hint: string; link: string; fileName: string; shareTitle: string }) {
  const qr = useLoad(() => qrDataUrl(link), [link]);
  const src = qr.data;
  const [note, setNote] = useState<string | null>(null);
  const share = async () => {
    const u = new URL(link);
    const r = await shareDeepLink({
      title: shareTitle,
      description: "Mở ứng dụng Kỹ năng số cộng đồng trên Zalo",
      path: `/${u.search}`,
      thumbnail: thumbnail(link),
      link,
    });
    setNote(r === "copied" ? "Đã chép đường dẫn. Hãy dán vào tin nhắn Zalo." : r === "failed" ? "Chưa chia sẻ được. Vui lòng thử lại." : null);
  };
  const save = async () => {
    if (src) setNote((await saveImage(src, fileName)) ? "Đã lưu ảnh mã QR vào máy." : "Chưa lưu được ảnh. Vui lòng thử lại.");
  };
  return (
    <section className="card qr-box" aria-labelledby={`${fileName}-title`}>
      <h2 id={`${fileName}-title`} className="card__title">
        {title}
      </h2>
      {src ? <img src={src} alt={`Mã QR: ${title}`} /> : <p role="status">Đang tạo mã QR…</p>}
      <p className="qr-box__hint">{hint}</p>
      <div className="button-row">
        <Button fullWidth onClick={() => void share()}>
          Chia sẻ qua Zalo
        </Button>
        <Button fullWidth variant="secondary" disabled={!src} onClick={() => void save()}>
          Lưu ảnh vào máy
        </Button>
      </div>
      {note || qr.error ? <p role="status">{note ?? "Chưa tạo được mã QR."}</p> : null}
    </section>
  );
}

/** The leader shows this to a new member: a single-use invite, valid 7 days. */
export function InviteCard({ team, purpose = "member" }: { team: { id: number; name: string }; purpose?: "member" | "leader" }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const make = async () => {
    try {
      setInvite(await teamApi.invite(team.id));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      {invite ? (
        <QrCard
          title="Mã mời vào tổ"
          hint={`Người được mời quét mã này bằng Zalo. Mỗi mã chỉ dùng cho một người, hết hạn ngày ${dateVN(invite.expiresAt)}.`}
          link={invite.link}
          fileName="ma-moi-vao-to"
          shareTitle={`Mời vào ${team.name}`}
        />
      ) : null}
      <Button fullWidth variant={invite ? "secondary" : "primary"} onClick={() => void make()}>
        {invite ? "Tạo mã mời cho người tiếp theo" : purpose === "leader" ? "Tạo mã mời tổ trưởng vào tổ" : "Tạo mã mời thành viên"}
      </Button>
      <ErrorBox message={error} />
    </>
  );
}
