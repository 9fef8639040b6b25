import { Page } from "zmp-ui";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";

export default function AboutPage() {
  return (
    <Page className="page">
      <AppHeader title="Giới thiệu" />
      <main className="content prose">
        <section className="card">
          <h2 className="card__title">Phổ cập kỹ năng số cộng đồng</h2>
          <p>
            Các bài học ngắn giúp bạn dùng điện thoại thông minh, dịch vụ công trực tuyến và VNeID, thanh toán không dùng tiền mặt,
            mua bán trực tuyến và tự bảo vệ mình trên mạng. Tổ công nghệ số cộng đồng ở địa phương luôn sẵn sàng hướng dẫn thêm.
          </p>
        </section>
        <section className="card" aria-labelledby="privacy-title">
          <h2 id="privacy-title" className="card__title">Dữ liệu của bạn</h2>
          <p>
            Ứng dụng chỉ lưu tên Zalo của bạn, mã người dùng Zalo và kết quả học (bài đã đọc, bài kiểm tra đã làm) để bạn học tiếp trên
            máy khác. Ứng dụng không lấy số điện thoại. Việc xử lý dữ liệu tuân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và
            Nghị định 356/2025/NĐ-CP.
          </p>
        </section>
      </main>
      <NavBar />
    </Page>
  );
}
