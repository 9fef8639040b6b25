import { useState } from "react";
import { Button, Page } from "zmp-ui";
import { ErrorBox } from "../admin/error-box";
import "../admin/admin.css";
import { AppHeader } from "../components/app-header";
import { NetworkBanner } from "../components/network-banner";
import type { VisitView } from "../../../shared/schemas/team";
import { HOUSEHOLD_HIDDEN_MESSAGE, HOUSEHOLD_ID_MESSAGE, HOUSEHOLD_MAX, householdProblem, type HouseholdProblem } from "../../../shared/lib/team-rules";
import { vietnamDate } from "../../../shared/lib/vietnam-time";
import { errorText } from "../api/error-text";
import { teamApi } from "../api/session";
import { Field } from "../components/field";
import { useLoad } from "../lib/use-load";
import { uuid } from "../lib/uuid";
import "../team/team.css";

/** What the field says of a label the server would refuse; an empty one is asked for when saving. */
const FIELD_ERRORS: Partial<Record<HouseholdProblem, string>> = {
  too_long: `Dài quá ${HOUSEHOLD_MAX} ký tự.`,
  hidden_characters: HOUSEHOLD_HIDDEN_MESSAGE,
  id_number: HOUSEHOLD_ID_MESSAGE,
};

const dayVN = (d: string) => d.split("-").reverse().join("/");

/** Record a household visit in a few taps: who (an address or a label), when (today by default), what was done. */
export default function TeamVisitPage() {
  const team = useLoad(() => teamApi.myTeam(), []);
  const kinds = team.data?.visitKinds ?? [];
  const visits = useLoad(() => teamApi.visits(), []);
  /** Recorded on this screen, newest first. */
  const [saved, setSaved] = useState<VisitView[]>([]);
  const recent = [...saved, ...(visits.data?.visits ?? [])].filter((v, i, all) => all.findIndex((x) => x.id === v.id) === i).slice(0, 20);
  const [household, setHousehold] = useState("");
  const [day, setDay] = useState(vietnamDate(Date.now()));
  const [picked, setPicked] = useState<string[]>([]);
  const [id, setId] = useState(uuid());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const labelOf = (k: string) => kinds.find((x) => x.id === k)?.label ?? k;
  const problem = householdProblem(household);
  const fieldError = (problem && FIELD_ERRORS[problem]) ?? null;
  const toggle = (k: string) => setPicked((p) => (p.includes(k) ? p.filter((x) => x !== k) : [...p, k]));
  const save = async () => {
    if (problem === "missing") return setError("Hãy ghi địa chỉ hoặc tên gọi của hộ.");
    if (!picked.length) return setError("Hãy chọn ít nhất một việc đã hỗ trợ.");
    setBusy(true);
    try {
      const v = await teamApi.recordVisit({ id, household, visitedOn: day, kinds: picked });
      setDone(`Đã ghi nhận: ${v.household}, ngày ${dayVN(v.visitedOn)}.`);
      setSaved((s) => [v, ...s]);
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
          <Field
            id="household"
            label="Hộ gia đình"
            hint={fieldError ? null : "Ghi địa chỉ hoặc tên gọi. Không ghi số căn cước, số điện thoại."}
            error={fieldError}
          >
            {(described) => (
              <input
                className="field__input"
                value={household}
                maxLength={200}
                autoComplete="off"
                placeholder="Ví dụ: Nhà bác Tư, xóm 3"
                onChange={(e) => setHousehold(e.target.value)}
                {...described}
              />
            )}
          </Field>
          <Field id="visited-on" label="Ngày hỗ trợ">
            {(described) => (
              <input className="field__input" type="date" value={day} max={vietnamDate(Date.now())} onChange={(e) => setDay(e.target.value)} {...described} />
            )}
          </Field>
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
          <ErrorBox message={error ?? (team.error ? errorText(team.error) : null)} />
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
