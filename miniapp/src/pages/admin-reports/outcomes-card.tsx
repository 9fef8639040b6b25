import { useState } from "react";
import { Button } from "zmp-ui";
import type { Report } from "../../../../shared/schemas/report";
import { ErrorBox } from "../../admin/error-box";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { Card } from "../../components/card";
import { Field } from "../../components/field";
import { useAction } from "../../lib/use-action";
import { num } from "./numbers";

/** A commune official sets how many adults live in the commune: the shares below are reckoned against it. */
function AdultsForm({ code, adults, onSaved }: { code: string; adults: number | null; onSaved(): void }) {
  const [value, setValue] = useState(adults === null ? "" : String(adults));
  const { busy, error, run } = useAction(adminErrorText);
  const n = Number(value);
  const valid = value === "" || (Number.isInteger(n) && n >= 1);
  const save = () =>
    run(async () => {
      await adminApi.setAdults(code, value === "" ? null : n);
      onSaved();
    });
  return (
    <div className="answer-form">
      <Field id="report-adults" label="Số người trưởng thành sống ở xã, phường" hint="Theo số liệu dân số của địa phương; để trống nếu chưa có.">
        {(d) => <input className="field__input" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value.replace(/\D/g, ""))} {...d} />}
      </Field>
      <ErrorBox message={error} />
      <Button variant="secondary" loading={busy} disabled={busy || !valid} onClick={() => void save()}>
        Lưu số người trưởng thành
      </Button>
    </div>
  );
}

/** Sổ theo dõi hộ gia đình: residents with each outcome, each counted once, and their share of the adults where known. */
export function OutcomesCard({ r, onChanged }: { r: Report; onChanged(): void }) {
  const known = r.adultsKnown;
  return (
    <Card id="report-outcomes-title" title="Người dân đã làm được (sổ theo dõi)">
      <p className="admin-hint">
        Mỗi người dân được đếm một lần, dù được hỗ trợ bao nhiêu lượt. {num(r.totals.residentsInLedger)} người có ít nhất một việc.
        {r.totals.adults !== null
          ? ` Tỷ lệ tính trên ${num(r.totals.adults)} người trưởng thành${known.of > 1 ? ` của ${known.communes}/${known.of} xã, phường đã nhập số` : ""}.`
          : " Chưa nhập số người trưởng thành nên chưa tính tỷ lệ."}
      </p>
      <ul className="plain-list report-rows">
        {r.outcomes.map((o) => (
          <li key={o.kind}>
            <strong>{num(o.residents)}</strong> {o.label}
            {o.pctOfAdults !== null ? ` (${o.pctOfAdults.toLocaleString("vi-VN")} %)` : ""}
          </li>
        ))}
      </ul>
      {r.scope.kind === "commune" ? <AdultsForm key={r.scope.code} code={r.scope.code} adults={r.totals.adults} onSaved={onChanged} /> : null}
    </Card>
  );
}
