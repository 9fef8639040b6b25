import { useState } from "react";
import { Button, Page } from "zmp-ui";
import { HOUSEHOLD_CONSENT } from "../../../shared/constants/assessment";
import { householdProblem, personNameProblem } from "../../../shared/lib/team-rules";
import type { LedgerPerson, OutcomeKind } from "../../../shared/schemas/ledger";
import { ErrorBox } from "../admin/error-box";
import { errorText } from "../api/error-text";
import { completionApi } from "../api/session";
import { AppHeader } from "../components/app-header";
import { Field } from "../components/field";
import { NetworkBanner } from "../components/network-banner";
import { OutcomeChecks } from "../completion/outcome-checks";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import { uuid } from "../lib/uuid";
import "../admin/admin.css";
import "../completion/completion.css";

/** A household member without a smartphone: a name and a household only, with the consent read to them. */
function AddPerson({ kinds, onAdded }: { kinds: OutcomeKind[]; onAdded(): void }) {
  const [name, setName] = useState("");
  const [household, setHousehold] = useState("");
  const [agreed, setAgreed] = useState(false);
  const [ticked, setTicked] = useState<string[]>([]);
  const [id] = useState(uuid);
  const { busy, error, run } = useAction();
  const nameBad = name.trim() !== "" && personNameProblem(name) !== null;
  const householdBad = household.trim() !== "" && householdProblem(household) !== null;
  const save = () =>
    run(async () => {
      await completionApi.addHouseholdPerson({ id, name, household, consentVersion: HOUSEHOLD_CONSENT.version, outcomes: ticked });
      onAdded();
    });
  return (
    <section className="card" aria-labelledby="add-person-title">
      <h2 id="add-person-title" className="card__title">
        Ghi người không có điện thoại thông minh
      </h2>
      <Field id="person-name" label="Họ tên" error={nameBad ? "Tên chỉ gồm chữ cái, không ghi số." : null}>
        {(d) => <input className="field__input" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} {...d} />}
      </Field>
      <Field
        id="person-household"
        label="Hộ gia đình"
        hint="Tên gọi hoặc địa chỉ, ví dụ “Nhà bác Tư, xóm 3”. Không ghi số căn cước, số điện thoại."
        error={householdBad ? "Không ghi số căn cước, số điện thoại hay dãy số dài." : null}
      >
        {(d) => <input className="field__input" value={household} maxLength={120} onChange={(e) => setHousehold(e.target.value)} {...d} />}
      </Field>
      <p className="consent-text">Đọc cho người dân nghe: “{HOUSEHOLD_CONSENT.text}”</p>
      <label className="task-check">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
        <span>Người này đã nghe và đồng ý</span>
      </label>
      <OutcomeChecks kinds={kinds} have={[]} ticked={ticked} onChange={setTicked} />
      <ErrorBox message={error} />
      <Button fullWidth loading={busy} disabled={busy || !agreed || !name.trim() || !household.trim() || nameBad || householdBad} onClick={() => void save()}>
        Lưu vào sổ theo dõi
      </Button>
    </section>
  );
}

function PersonItem({ p, kinds, onChanged }: { p: LedgerPerson; kinds: OutcomeKind[]; onChanged(): void }) {
  const [open, setOpen] = useState<"outcomes" | "merge" | "erase" | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [code, setCode] = useState("");
  const { busy, error, run } = useAction();
  const label = new Map(kinds.map((k) => [k.id, k.short]));
  const done = () => {
    setOpen(null);
    setTicked([]);
    onChanged();
  };
  return (
    <li className="card" aria-label={p.name}>
      <p className="task__title">
        {p.name}
        {p.household ? `, ${p.household}` : ""}
      </p>
      <p className="task__meta">{p.hasAccount ? "Có tài khoản trên ứng dụng" : "Không có điện thoại thông minh"}</p>
      <p>{p.outcomes.length ? p.outcomes.map((o) => `✓ ${label.get(o.kind) ?? o.kind}`).join(" · ") : "Chưa ghi việc nào"}</p>
      {open === "outcomes" ? (
        <>
          <OutcomeChecks kinds={kinds} have={p.outcomes.map((o) => o.kind)} ticked={ticked} onChange={setTicked} />
          <ErrorBox message={error} />
          <Button
            fullWidth
            loading={busy}
            disabled={busy || !ticked.length}
            onClick={() => void run(async () => (await completionApi.addOutcomes(p.id, ticked), done()))}
          >
            Lưu
          </Button>
        </>
      ) : open === "merge" ? (
        <>
          <p>Người này đã tự đăng nhập bằng Zalo? Nhờ họ mở một kỹ năng, bấm “Nhờ thành viên tổ xác nhận”, đồng ý, rồi gõ mã họ thấy.</p>
          <Field id={`merge-${p.id}`} label="Mã trên điện thoại của họ">
            {(d) => <input className="field__input hands-on-input" value={code} maxLength={6} onChange={(e) => setCode(e.target.value.toUpperCase())} {...d} />}
          </Field>
          <ErrorBox message={error} />
          <Button
            fullWidth
            loading={busy}
            disabled={busy || code.length !== 6}
            onClick={() => void run(async () => (await completionApi.mergePerson(p.id, code), done()))}
          >
            Gắn với tài khoản của họ
          </Button>
        </>
      ) : open === "erase" ? (
        <>
          <p>Người này muốn được xoá tên khỏi sổ? Tên và hộ sẽ bị xoá; những việc họ đã làm được vẫn được đếm nhưng không ghi tên ai.</p>
          <ErrorBox message={error} />
          <div className="completion-buttons">
            <Button variant="secondary" onClick={() => setOpen(null)}>
              Không xoá
            </Button>
            <Button loading={busy} disabled={busy} onClick={() => void run(async () => (await completionApi.erasePerson(p.id), done()))}>
              Xoá tên khỏi sổ
            </Button>
          </div>
        </>
      ) : (
        <div className="completion-buttons">
          {!p.hasAccount ? (
            <Button variant="secondary" onClick={() => setOpen("outcomes")}>
              Ghi thêm việc
            </Button>
          ) : null}
          {!p.hasAccount ? (
            <Button variant="tertiary" onClick={() => setOpen("merge")}>
              Gắn tài khoản
            </Button>
          ) : null}
          {!p.hasAccount && p.name !== "(đã xoá)" ? (
            <Button variant="tertiary" onClick={() => setOpen("erase")}>
              Xoá tên
            </Button>
          ) : null}
        </div>
      )}
    </li>
  );
}

/**
 * "Sổ theo dõi hộ gia đình": what each resident the team helps can now do, recorded once per person however many
 * visits it took. Residents with the app are added from "Xác nhận thực hành" with the code on their phone.
 */
export default function TeamLedgerPage() {
  const ledger = useLoad(() => completionApi.ledger(), []);
  const [adding, setAdding] = useState(0);
  const [showForm, setShowForm] = useState(false);
  const kinds = ledger.data?.kinds ?? [];
  return (
    <Page className="page">
      <AppHeader title="Sổ theo dõi hộ gia đình" back="/team" />
      <NetworkBanner />
      <main className="content">
        <p className="lead">
          Mỗi người dân được ghi một lần, cùng những việc họ đã tự làm được. Người có ứng dụng: ghi ở “Xác nhận thực hành” bằng mã trên điện thoại của họ.
        </p>
        {ledger.error && !ledger.data ? <ErrorBox message={errorText(ledger.error)} /> : null}
        {showForm ? (
          <AddPerson
            key={adding}
            kinds={kinds}
            onAdded={() => {
              setShowForm(false);
              setAdding((n) => n + 1);
              void ledger.reload();
            }}
          />
        ) : (
          <Button fullWidth onClick={() => setShowForm(true)}>
            Ghi người không có điện thoại
          </Button>
        )}
        {ledger.data && !ledger.data.people.length ? <p>Sổ chưa có ai.</p> : null}
        <ul className="plain-list">
          {ledger.data?.people.map((p) => (
            <PersonItem key={p.id} p={p} kinds={kinds} onChanged={() => void ledger.reload()} />
          ))}
        </ul>
      </main>
    </Page>
  );
}
