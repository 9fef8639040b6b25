import { Button, Page } from "zmp-ui";
import { NATIONAL_COURSE_CHECKLIST } from "../../../shared/constants/assessment";
import { ErrorBox } from "../admin/error-box";
import { errorText } from "../api/error-text";
import { completionApi } from "../api/session";
import { AppHeader } from "../components/app-header";
import { NetworkBanner } from "../components/network-banner";
import { saveFile } from "../lib/save-file";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import "../admin/admin.css";
import "../completion/completion.css";

const dateVN = (day: string) => day.split("-").reverse().join("/");

/** "Chứng nhận của tôi": each certificate as a PDF or a picture for Zalo, its public page, and what it is (and is not). */
export default function CertificatesPage() {
  const list = useLoad(() => completionApi.certificates(), []);
  const { error, run } = useAction();
  const download = (code: string, format: "pdf" | "png") =>
    run(async () => saveFile(await completionApi.certificateFile(code, format), `chung-nhan-${code}.${format}`));
  const certs = list.data?.certificates ?? [];
  return (
    <Page className="page">
      <AppHeader title="Chứng nhận của tôi" back="/progress" />
      <NetworkBanner />
      <main className="content">
        {list.status === "loading" && !list.data ? <p role="status">Đang tải…</p> : null}
        {list.error && !list.data ? <ErrorBox message={errorText(list.error)} /> : null}
        <ErrorBox message={error} />
        {list.data && !certs.length ? (
          <p>Bạn chưa có chứng nhận nào. Hoàn thành một kỹ năng (bài kiểm tra cuối và phần thực hành) để nhận chứng nhận.</p>
        ) : null}
        {certs.map((c) => (
          <section key={c.code} className="card certificate-item" aria-label={`Chứng nhận ${c.skillTitle}`}>
            <h2 className="card__title">{c.skillTitle}</h2>
            <p>
              {c.name}, cấp ngày {dateVN(c.issuedOn)}. Mã: <strong>{c.code}</strong>
            </p>
            {c.status === "revoked" ? <p className="is-revoked">Đã bị thu hồi{c.revokeReason ? `: ${c.revokeReason}` : ""}</p> : <p>Còn hiệu lực</p>}
            <div className="completion-buttons">
              <Button variant="secondary" onClick={() => void download(c.code, "pdf")}>
                Tải bản PDF
              </Button>
              <Button variant="secondary" onClick={() => void download(c.code, "png")}>
                Tải ảnh
              </Button>
            </div>
            <a href={c.verifyUrl} target="_blank" rel="noopener noreferrer">
              Mở trang kiểm tra chứng nhận
            </a>
          </section>
        ))}
        <section className="card" aria-labelledby="national-title">
          <h2 id="national-title" className="card__title">
            Chứng nhận này là gì?
          </h2>
          <p>
            Đây là chứng nhận của khóa học cộng đồng “Phổ cập kỹ năng số cộng đồng”, không phải văn bằng, chứng chỉ của Nhà nước. Muốn có chứng nhận chính thức,
            bạn có thể học trên nền tảng Bình dân học vụ số. Trước khi bắt đầu, hãy chuẩn bị:
          </p>
          <ul className="checklist">
            {NATIONAL_COURSE_CHECKLIST.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      </main>
    </Page>
  );
}
