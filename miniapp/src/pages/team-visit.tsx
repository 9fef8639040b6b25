import { useEffect, useState } from "react";
import { Button, Page } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NetworkBanner } from "../components/network-banner";
import type { VisitView } from "../../../shared/schemas/team";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import "../team/team.css";

import { hasIdNumber } from "../../../shared/lib/id-numbers";
import { HOUSEHOLD_ID_MESSAGE, HOUSEHOLD_MAX } from "../../../shared/schemas/team";

function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const dayVN = (d: string) => d.split("-").reverse().join("/");

/** Today in Vietnam, YYYY-MM-DD (the server refuses later dates). */
function vietnamToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Record a household visit in a few taps: who (an address or a label), when (today by default), what was done. */
export default function TeamVisitPage() {
  const [kinds, setKinds] = useState<{ id: string; label: string }[]>([]);
  const [household, setHousehold] = useState("");
  const [day, setDay] = useState(vietnamToday());
  const [picked, setPicked] = useState<string[]>([]);
  const [id, setId] = useState(uuid());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [recent, setRecent] = useState<VisitView[]>([]);
  useEffect(() => {
    teamApi.myTeam().then((r) => setKinds(r.visitKinds), (e) => setError(errorText(e)));
    teamApi.visits().then((r) => setRecent(r.visits), () => undefined);
  }, []);
  const labelOf = (k: string) => kinds.find((x) => x.id === k)?.label ?? k;
  const tooLong = household.length > HOUSEHOLD_MAX;
  const idLike = hasIdNumber(household);
  const fieldError = tooLong ? `Dài quá ${HOUSEHOLD_MAX} ký tự.` : idLike ? HOUSEHOLD_ID_MESSAGE : null;
  const toggle = (k: string) => setPicked((p) => (p.includes(k) ? p.filter((x) => x !== k) : [...p, k]));
  const save = async () => {
    if (!household.trim()) return setError("Hãy ghi địa chỉ hoặc tên gọi của hộ.");
    if (!picked.length) return setError("Hãy chọn ít nhất một việc đã hỗ trợ.");
    setBusy(true);
    try {
      const v = await teamApi.recordVisit({ id, household, visitedOn: day, kinds: picked });
      setDone(`Đã ghi nhận: ${v.household}, ngày ${dayVN(v.visitedOn)}.`);
      setRecent((r) => [v, ...r.filter((x) => x.id !== v.id)].slice(0, 20));
      setHousehold("");
      setPicked([]);
      setId(uuid());
      setError(null);
    } catch (e) {
      setError(errorText(e));
      setDone(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page className="page admin">
      <AppHeader title="Ghi nhận hộ đã hỗ trợ" back="/team" />
      <NetworkBanner />
      <main className="content">
        {done ? (
          <p className="done-box" role="status">
            {done}
          </p>
        ) : null}
        <section className="card">
          <div className="field">
            <label className="field__label" htmlFor="household">
              Hộ gia đình
            </label>
            <input
              id="household"
              className="field__input"
              value={household}
              maxLength={200}
              autoComplete="off"
              placeholder="Ví dụ: Nhà bác Tư, xóm 3"
              aria-invalid={fieldError ? true : undefined}
              aria-describedby="household-hint"
              onChange={(e) => setHousehold(e.target.value)}
            />
            <p id="household-hint" className={fieldError ? "field__error" : "field__hint"}>
              {fieldError ?? "Ghi địa chỉ hoặc tên gọi. Không ghi số căn cước, số điện thoại."}
            </p>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="visited-on">
              Ngày hỗ trợ
            </label>
            <input id="visited-on" className="field__input" type="date" value={day} max={vietnamToday()} onChange={(e) => setDay(e.target.value)} />
          </div>
          <fieldset className="field fieldset">
            <legend className="field__label">Đã hỗ trợ việc gì?</legend>
            <p className="field__hint">Chạm để chọn, có thể chọn nhiều việc.</p>
            <div className="kind-chips">
              {kinds.map((k) => (
                <button key={k.id} type="button" className="chip" aria-pressed={picked.includes(k.id)} onClick={() => toggle(k.id)}>
                  <span className="chip__box" aria-hidden="true">
                    {picked.includes(k.id) ? "✓" : ""}
                  </span>
                  {k.label}
                </button>
              ))}
            </div>
          </fieldset>
          <ErrorBox message={error} />
          <Button fullWidth size="large" loading={busy} disabled={busy || !!fieldError} onClick={() => void save()}>
            Lưu
          </Button>
        </section>
        {recent.length ? (
          <section className="card" aria-labelledby="recent-title">
            <h2 id="recent-title" className="card__title">
              Đã ghi gần đây
            </h2>
            <ul className="visit-list">
              {recent.map((v) => (
                <li key={v.id}>
                  <strong>{v.household}</strong> — {dayVN(v.visitedOn)}
                  <br />
                  {v.kinds.map(labelOf).join(", ")}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </Page>
  );
}
