import type { CertificatePublicView } from "./certificate-view.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const day = (iso: string) => iso.split("-").reverse().join("/");

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#111;line-height:1.5}
main{max-width:560px;margin:0 auto;padding:24px 16px}h1{font-size:1.4em;margin:0 0 12px}
.status{display:inline-block;padding:6px 14px;border-radius:16px;font-weight:700;font-size:1.1em}
.valid{background:#e8f5e9;color:#1b5e20}.revoked{background:#ffebee;color:#b71c1c}
dl{background:#fff;border-radius:12px;padding:16px;margin:16px 0}dt{color:#455a64;font-size:.9em}dd{margin:0 0 10px;font-weight:600}
.note{font-size:.95em;color:#37474f}a{color:#0d47a1}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The public page of a certificate: what it states (the name shortened) and whether it stands. */
/** `qr`: whether the signed text of the QR code that opened the page is this certificate's, checked (null: none came). */
export function verifyPage(v: CertificatePublicView, qr: boolean | null = null): string {
  const status =
    v.status === "valid"
      ? `<p class="status valid" role="status">Còn hiệu lực</p>`
      : `<p class="status revoked" role="status">Đã bị thu hồi</p><p>Thu hồi ngày ${esc(day(v.revokedOn!))}. Lý do: ${esc(v.revokeReason ?? "")}</p>`;
  const signature =
    qr === null
      ? ""
      : qr
        ? `<p class="note">Chữ ký số trên mã QR: hợp lệ.</p>`
        : `<p class="status revoked">Mã QR này không khớp với chứng nhận: có thể đã bị sửa hoặc làm giả.</p>`;
  return page(
    `Chứng nhận ${v.code}`,
    `<h1>Chứng nhận hoàn thành kỹ năng số cộng đồng</h1>${status}${signature}
<dl><dt>Người học</dt><dd>${esc(v.name)}</dd><dt>Kỹ năng</dt><dd>${esc(v.skillTitle)}</dd><dt>Ngày cấp</dt><dd>${esc(day(v.issuedOn))}</dd>
<dt>Xã, phường</dt><dd>${esc(v.commune)}</dd>${v.team ? `<dt>Tổ công nghệ số cộng đồng</dt><dd>${esc(v.team)}</dd>` : ""}<dt>Mã chứng nhận</dt><dd>${esc(v.code)}</dd></dl>
<p class="note">Đây là chứng nhận của khóa học cộng đồng “Phổ cập kỹ năng số cộng đồng”, không phải văn bằng, chứng chỉ của Nhà nước. Người muốn có chứng nhận chính thức có thể học trên nền tảng Bình dân học vụ số: <a href="https://binhdanhocvuso.gov.vn" rel="noopener">binhdanhocvuso.gov.vn</a>.</p>
<p class="note">Chứng nhận có chữ ký số; khóa công khai để kiểm tra: <a href="/.well-known/certificate-keys.json">/.well-known/certificate-keys.json</a>.</p>`,
  );
}

export function unknownCertificatePage(): string {
  return page(
    "Không tìm thấy chứng nhận",
    `<h1>Không tìm thấy chứng nhận</h1><p>Không có chứng nhận nào mang mã này. Hãy kiểm tra lại mã, hoặc quét lại mã QR trên giấy chứng nhận.</p>`,
  );
}
