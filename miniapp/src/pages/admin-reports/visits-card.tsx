import type { Report } from "../../../../shared/schemas/report";
import { num } from "./numbers";

/** Households helped, by what was done (those that create an account marked). */
export function VisitsCard({ r }: { r: Report }) {
  return (
    <section className="card" aria-labelledby="report-kinds-title">
      <h2 id="report-kinds-title" className="card__title">
        Hỗ trợ hộ gia đình theo việc
      </h2>
      <ul className="plain-list report-rows">
        {r.visitsByKind.map((k) => (
          <li key={k.kind}>
            <strong>{num(k.visits)}</strong> {k.label}
            {k.account ? " (tạo tài khoản)" : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
