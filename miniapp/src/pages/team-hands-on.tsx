import { useState } from "react";
import { Button, Page } from "zmp-ui";
import { HANDS_ON_CODE } from "../../../shared/constants/assessment";
import type { HandsOnPreview } from "../../../shared/schemas/assessment";
import { ErrorBox } from "../admin/error-box";
import { completionApi } from "../api/session";
import { AppHeader } from "../components/app-header";
import { Field } from "../components/field";
import { NetworkBanner } from "../components/network-banner";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import { OutcomeChecks } from "../completion/outcome-checks";
import { isInsideZalo, scanQr } from "../lib/zalo";
import "../admin/admin.css";
import "../completion/completion.css";

/**
 * For a tổ member, beside a resident: type (or scan) the code on the resident's phone, watch the resident do each
 * task on their own phone, tick what they did, confirm. Nothing is photographed or noted of the resident's data.
 */
export default function TeamHandsOnPage() {
  const [code, setCode] = useState("");
  const [preview, setPreview] = useState<HandsOnPreview | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<string[]>([]);
  const kinds = useLoad(preview ? () => completionApi.ledger() : null, [!!preview]);
  const saveOutcomes = () =>
    run(async () => {
      if (!preview) return;
      const p = await completionApi.outcomesByCode(preview.code, outcomes);
      setPreview({ ...preview, outcomes: p.outcomes.map((o) => o.kind) });
      setOutcomes([]);
      setDone(`Đã ghi vào sổ theo dõi cho ${preview.resident}.`);
    });

  const open = async (raw: string) => {
    const c = raw.trim().toUpperCase();
    setError(null);
    setDone(null);
    if (!HANDS_ON_CODE.test(c)) return setError("Mã gồm 6 chữ và số, như trên điện thoại của người dân.");
    await run(async () => {
      setPreview(await completionApi.previewHandsOn(c));
      setCode(c);
      setTicked([]);
    });
  };
  const scan = async () => {
    const text = await scanQr();
    if (text) await open(text);
  };
  const confirm = () =>
    run(async () => {
      if (!preview) return;
      const p = await completionApi.confirmHandsOn(preview.code, ticked);
      setPreview(p);
      setTicked([]);
      setDone(`Đã xác nhận ${ticked.length} việc thực hành cho ${p.resident}.`);
    });

  return (
    <Page className="page">
      <AppHeader title="Xác nhận thực hành" back="/team" />
      <NetworkBanner />
      <main className="content">
        <section className="card" aria-labelledby="code-title">
          <h2 id="code-title" className="card__title">
            Mã trên điện thoại của người dân
          </h2>
          <p>Người dân mở kỹ năng, bấm “Nhờ thành viên tổ xác nhận” và đồng ý; điện thoại của họ hiện một mã.</p>
          <Field id="hands-on-code" label="Mã xác nhận">
            {(d) => (
              <input
                className="field__input hands-on-input"
                value={code}
                maxLength={6}
                autoCapitalize="characters"
                autoComplete="off"
                onChange={(e) => setCode(e.target.value.toUpperCase())}
                {...d}
              />
            )}
          </Field>
          <div className="completion-buttons">
            {isInsideZalo() ? (
              <Button variant="secondary" onClick={() => void scan()}>
                Quét mã QR
              </Button>
            ) : null}
            <Button loading={busy && !preview} disabled={busy} onClick={() => void open(code)}>
              Mở
            </Button>
          </div>
        </section>
        <ErrorBox message={error} />
        {done ? (
          <p className="done-box" role="status">
            {done}
          </p>
        ) : null}
        {preview ? (
          <section className="card" aria-labelledby="tasks-title">
            <h2 id="tasks-title" className="card__title">
              {preview.resident}: {preview.skillTitle}
            </h2>
            <p>Chỉ đánh dấu việc bạn đã tận mắt thấy người dân tự làm trên điện thoại của họ. Không chụp màn hình, không ghi lại số giấy tờ hay mật khẩu.</p>
            {preview.tasks.map((t) => (
              <label key={t.id} className="task-check">
                <input
                  type="checkbox"
                  checked={!!t.confirmedAt || ticked.includes(t.id)}
                  disabled={!!t.confirmedAt}
                  onChange={(e) => setTicked((x) => (e.target.checked ? [...x, t.id] : x.filter((y) => y !== t.id)))}
                />
                <span>
                  <span className="task__title">{t.title}</span>
                  <br />
                  <span className="task__meta">{t.confirmedAt ? "Đã xác nhận" : t.watch}</span>
                </span>
              </label>
            ))}
            <Button fullWidth loading={busy} disabled={busy || ticked.length === 0} onClick={() => void confirm()}>
              Xác nhận {ticked.length ? `${ticked.length} việc` : ""}
            </Button>
          </section>
        ) : null}
        {preview && kinds.data ? (
          <section className="card" aria-labelledby="outcomes-title">
            <h2 id="outcomes-title" className="card__title">
              Ghi vào sổ theo dõi
            </h2>
            <p>Những việc {preview.resident} đã tự làm được (mỗi việc chỉ ghi một lần):</p>
            <OutcomeChecks kinds={kinds.data.kinds} have={preview.outcomes} ticked={outcomes} onChange={setOutcomes} />
            <Button fullWidth variant="secondary" loading={busy} disabled={busy || outcomes.length === 0} onClick={() => void saveOutcomes()}>
              Lưu vào sổ theo dõi
            </Button>
          </section>
        ) : null}
      </main>
    </Page>
  );
}
