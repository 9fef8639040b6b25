import { useState } from "react";
import { Button, Page } from "zmp-ui";
import type { AdminCertificate } from "../../../shared/schemas/certificate";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { adminErrorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { AppHeader } from "../components/app-header";
import { Field } from "../components/field";
import { useDebounced } from "../lib/use-debounced";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import "../completion/completion.css";

const dateVN = (day: string) => day.split("-").reverse().join("/");

function RevokeForm({ c, onDone }: { c: AdminCertificate; onDone(): void }) {
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction(adminErrorText);
  const revoke = () =>
    run(async () => {
      await adminApi.revokeCertificate(c.code, reason);
      onDone();
    });
  return (
    <div className="answer-form">
      <Field id={`revoke-${c.code}`} label="Lý do thu hồi (hiện trên trang kiểm tra)">
        {(d) => <input className="field__input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} {...d} />}
      </Field>
      <ErrorBox message={error} />
      <Button variant="secondary" loading={busy} disabled={busy || reason.trim().length < 5} onClick={() => void revoke()}>
        Thu hồi chứng nhận {c.code}
      </Button>
    </div>
  );
}

/** Quản trị → Chứng nhận: the certificates of my area, found by code or name, and revoked with a reason (audited). */
export default function AdminCertificatesPage() {
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 300);
  const list = useLoad(() => adminApi.certificates(query), [query]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Page className="page admin">
      <AppHeader title="Chứng nhận" back="/admin" />
      <main className="content">
        <p className="admin-hint">Chứng nhận đã cấp ở khu vực của bạn. Thu hồi khi cấp nhầm hoặc không đúng; người dân và ai quét mã QR đều thấy lý do.</p>
        <Field id="certificate-search" label="Tìm theo mã hoặc họ tên">
          {(d) => <input className="field__input" type="search" value={q} maxLength={60} onChange={(e) => setQ(e.target.value)} {...d} />}
        </Field>
        {list.error ? <ErrorBox message={adminErrorText(list.error)} /> : null}
        {list.data && !list.data.certificates.length ? <p>Không có chứng nhận nào.</p> : null}
        {list.data?.certificates.map((c) => (
          <section key={c.code} className="card certificate-item" aria-label={`Chứng nhận ${c.code}`}>
            <h2 className="card__title">
              {c.fullName}: {c.skillTitle}
            </h2>
            <p>
              Mã {c.code}, cấp ngày {dateVN(c.issuedOn)}, {c.commune}
              {c.team ? `, ${c.team}` : ""}
            </p>
            {c.status === "revoked" ? (
              <p className="is-revoked">Đã thu hồi{c.revokeReason ? `: ${c.revokeReason}` : ""}</p>
            ) : open === c.code ? (
              <RevokeForm
                c={c}
                onDone={() => {
                  setOpen(null);
                  void list.reload();
                }}
              />
            ) : (
              <Button variant="tertiary" onClick={() => setOpen(c.code)}>
                Thu hồi…
              </Button>
            )}
          </section>
        ))}
      </main>
    </Page>
  );
}
