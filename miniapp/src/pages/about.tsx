import { useState } from "react";
import { Button, Page } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { learnerCalls } from "../api/client";
import { ApiFailure } from "../api/http";
import { saveFile } from "../lib/save-file";
import { setState, useAppState } from "../state/store";

/** What the app keeps, plainly, for older readers (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP). */
const STORED = [
  "Tên Zalo và mã người dùng Zalo của bạn.",
  "Mã của bạn trên Zalo OA “Chuyển đổi số quốc gia”, để OA gửi tin cho đúng người.",
  "Bài bạn đã học và bài kiểm tra bạn đã làm.",
  "Nếu bạn đồng ý: tổ công nghệ số đã giới thiệu bạn (ghi công cho tổ).",
  "Nếu bạn ở trong tổ: tên tổ, mã QR của bạn, và các lần bạn đến giúp hộ gia đình mà bạn ghi lại.",
  "Nếu bạn nhắn tin cho OA: xã/phường, chủ đề bạn chọn, câu hỏi bạn gửi.",
];

/** The person's rights: download everything (GET /api/v1/me/export), or erase it after a clear confirmation. */
function MyDataActions({ token, onErased }: { token: string; onErased: () => void }) {
  const [step, setStep] = useState<"idle" | "confirm" | "busy">("idle");
  const [note, setNote] = useState<string | null>(null);
  const fail = (e: unknown) =>
    setNote(
      e instanceof ApiFailure && e.status === 0
        ? "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại."
        : e instanceof ApiFailure && e.status < 500
          ? e.message
          : "Đã có lỗi. Vui lòng thử lại sau.",
    );

  async function download() {
    setNote(null);
    try {
      const data = await learnerCalls.exportMyData(token);
      saveFile(new Blob([JSON.stringify(data, null, 2)], { type: "application/json;charset=utf-8" }), "du-lieu-cua-toi.json");
      setNote("Đã tải tệp du-lieu-cua-toi.json về máy.");
    } catch (e) {
      fail(e);
    }
  }

  async function erase() {
    setStep("busy");
    try {
      await learnerCalls.eraseMe(token);
      onErased();
      // This phone forgets the person too: progress, queue, team, and the session that no longer works.
      setState({ session: null, progress: {}, queue: [], ref: null, refSent: false, teamRole: null, creditAsked: false, adminRoles: [], newsUnread: 0 });
    } catch (e) {
      setStep("confirm");
      fail(e);
    }
  }

  return (
    <div className="stack">
      <Button fullWidth variant="secondary" onClick={() => void download()}>
        Tải dữ liệu của tôi
      </Button>
      {step === "idle" ? (
        <Button fullWidth variant="tertiary" type="danger" onClick={() => (setNote(null), setStep("confirm"))}>
          Xoá dữ liệu của tôi
        </Button>
      ) : (
        <div role="alertdialog" aria-labelledby="erase-title" aria-describedby="erase-text" className="card stack confirm-box">
          <h3 id="erase-title" className="card__title">
            Xoá hết dữ liệu của bạn?
          </h3>
          <p id="erase-text">
            Tên, mã Zalo, tiến độ học, tổ và các ghi chép của bạn sẽ bị xoá, không lấy lại được. Chỉ còn các con số thống kê không biết là của ai.
          </p>
          <Button fullWidth type="danger" loading={step === "busy"} onClick={() => void erase()}>
            Xoá vĩnh viễn
          </Button>
          <Button fullWidth variant="secondary" disabled={step === "busy"} onClick={() => setStep("idle")}>
            Không xoá
          </Button>
        </div>
      )}
      {note && <p role="status">{note}</p>}
    </div>
  );
}

export default function AboutPage() {
  const token = useAppState((s) => s.session?.token ?? null);
  const [erased, setErased] = useState(false);
  return (
    <Page className="page">
      <AppHeader title="Giới thiệu" />
      <main className="content prose">
        <section className="card">
          <h2 className="card__title">Phổ cập kỹ năng số cộng đồng</h2>
          <p>
            Các bài học ngắn giúp bạn dùng điện thoại thông minh, dịch vụ công trực tuyến và VNeID, thanh toán không dùng tiền mặt, mua bán trực tuyến và tự bảo
            vệ mình trên mạng. Tổ công nghệ số cộng đồng ở địa phương luôn sẵn sàng hướng dẫn thêm.
          </p>
        </section>
        <section className="card" aria-labelledby="privacy-title">
          <h2 id="privacy-title" className="card__title">
            Dữ liệu của bạn
          </h2>
          <h3>Ứng dụng lưu gì?</h3>
          <ul>
            {STORED.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <p>
            <strong>Ứng dụng không lưu số điện thoại của bạn.</strong>
          </p>
          <h3>Để làm gì?</h3>
          <p>Để bạn học tiếp trên máy khác, để OA gửi tin đúng xã/phường, và để tổ, xã biết bao nhiêu người đã được hướng dẫn.</p>
          <h3>Ai xem được?</h3>
          <p>
            Tổ trưởng và cán bộ xã, tỉnh chỉ xem tên Zalo và tiến độ học của thành viên tổ và của người đã đồng ý ghi công cho tổ. Họ không bao giờ thấy số điện
            thoại. Dữ liệu không được chia sẻ cho bên nào khác.
          </p>
          <h3>Lưu bao lâu?</h3>
          <p>Cho đến khi bạn xoá. Khi bạn xoá, tên, mã Zalo và những gì bạn đã viết bị xoá ngay; chỉ còn các con số thống kê không biết là của ai.</p>
          <p>Bạn có quyền xem, tải về và xoá dữ liệu của mình, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP.</p>
          {erased ? (
            <p role="status">Đã xoá dữ liệu của bạn. Nếu học tiếp, bạn sẽ bắt đầu lại từ đầu.</p>
          ) : token ? (
            <MyDataActions token={token} onErased={() => setErased(true)} />
          ) : (
            <p>Hãy đăng nhập để tải về hoặc xoá dữ liệu của bạn.</p>
          )}
        </section>
      </main>
      <NavBar />
    </Page>
  );
}
