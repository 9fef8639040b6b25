import { Field } from "../../components/field";
import { Card } from "../../components/card";
import type { FormPart } from "./form";

/** Chi phí: whether to pay for messages beyond the free ones, up to a budget, and promotions. */
export function CostCard({ form, errors, set }: FormPart) {
  return (
    <Card id="cost-title" title="Chi phí (không bắt buộc)">
      <p className="field__hint">
        Người đã nhắn OA trong 48 giờ qua nhận tin miễn phí. Người khác chỉ nhận khi bạn chọn dưới đây; nếu không, tin chờ sẵn và đến khi họ nhắn OA.
      </p>
      <div className="check-list">
        <label className={`check${form.allowPaid ? " is-checked" : ""}`} htmlFor="f-allowPaid">
          <input id="f-allowPaid" type="checkbox" checked={form.allowPaid} onChange={(e) => set("allowPaid", e.target.checked)} />
          <span>Cho phép tin có phí (người nhắn OA từ 2 đến 7 ngày trước)</span>
        </label>
      </div>
      {form.allowPaid ? (
        <Field id="f-budget" name="budget" label="Ngân sách tối đa (đồng)" error={errors.budget}>
          {(described) => (
            <input
              className="field__input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={form.budget}
              onChange={(e) => set("budget", e.target.value.replace(/[^\d]/g, ""))}
              {...described}
            />
          )}
        </Field>
      ) : null}
      <div className="check-list">
        <label className={`check${form.usePromotion ? " is-checked" : ""}`} htmlFor="f-usePromotion">
          <input id="f-usePromotion" type="checkbox" checked={form.usePromotion} onChange={(e) => set("usePromotion", e.target.checked)} />
          <span>Dùng tin truyền thông có phí cho những người còn lại (khi OA được Zalo cho phép; không gửi từ 22 giờ đến 6 giờ)</span>
        </label>
      </div>
    </Card>
  );
}
