import type { Report } from "../../../../shared/schemas/report";
import { Card } from "../../components/card";
import { num } from "./numbers";

/** Households helped, by what was done (those that create an account marked). */
export function VisitsCard({ r }: { r: Report }) {
  return (
    <Card id="report-kinds-title" title="Hỗ trợ hộ gia đình theo việc">
      <ul className="plain-list report-rows">
        {r.visitsByKind.map((k) => (
          <li key={k.kind}>
            <strong>{num(k.visits)}</strong> {k.label}
            {k.account ? " (tạo tài khoản)" : ""}
          </li>
        ))}
      </ul>
    </Card>
  );
}
