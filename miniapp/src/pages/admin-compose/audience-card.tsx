import { CommunePicker } from "../../admin/commune-picker";
import { TOPICS } from "../../admin/format";
import { Field, FieldError } from "../../components/field";
import { Card } from "../../components/card";
import { OTHER_AREA, type AreaOption, type FormPart } from "./form";

function areaHint(area: AreaOption | undefined): string {
  if (area?.province)
    return `Gửi mọi người quan tâm ở ${area.label.replace(/ \(cả tỉnh\/thành\)$/, "")}. Tin gửi cả tỉnh/thành cần một cán bộ khác phê duyệt rồi mới được gửi.`;
  if (area && area.value !== OTHER_AREA) return `Gửi những người đã chọn ${area.label} khi đăng ký nhận tin.`;
  return "Chỉ người đã chọn khu vực này khi đăng ký nhận tin mới nhận được.";
}

/** Người nhận: the area (and, in a province, some of its communes) and the topics followers subscribed to. */
export function AudienceCard({ form, errors, set, areas, rolesLoaded }: FormPart & { areas: AreaOption[]; rolesLoaded: boolean }) {
  const area = areas.find((a) => a.value === form.area);
  return (
    <Card id="audience-title" title="Người nhận">
      <Field id="f-area" name="area" label="Khu vực" hint={areaHint(area)} error={errors.area}>
        {(described) => (
          <select className="field__input" value={form.area} onChange={(e) => set("area", e.target.value)} {...described}>
            {areas.length === 0 ? <option value="">{rolesLoaded ? "Bạn chưa được giao khu vực nào" : "Đang tải khu vực…"}</option> : null}
            {areas.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {area?.province ? <CommunePicker provinceCode={form.area} value={form.communes} onChange={(next) => set("communes", next)} /> : null}
      {form.area === OTHER_AREA ? (
        <Field
          id="f-otherArea"
          name="otherArea"
          label="Mã khu vực"
          hint="2 chữ số cho tỉnh/thành (ví dụ 01), 5 chữ số cho xã/phường (ví dụ 00004)."
          error={errors.otherArea}
        >
          {(described) => (
            <input
              className="field__input"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={form.otherArea}
              onChange={(e) => set("otherArea", e.target.value)}
              {...described}
            />
          )}
        </Field>
      ) : null}

      <fieldset className="field fieldset" aria-describedby={errors.topics ? "topics-hint topics-error" : "topics-hint"}>
        <legend className="field__label">Chủ đề</legend>
        <p id="topics-hint" className="field__hint">
          Chỉ người đã đăng ký ít nhất một chủ đề được chọn mới nhận tin.
        </p>
        <div className="check-list">
          {TOPICS.map((t) => {
            const checked = form.topics.includes(t.id);
            return (
              <label key={t.id} className={`check${checked ? " is-checked" : ""}`} htmlFor={`topic-${t.id}`}>
                <input
                  id={`topic-${t.id}`}
                  type="checkbox"
                  checked={checked}
                  onChange={() => set("topics", checked ? form.topics.filter((x) => x !== t.id) : [...form.topics, t.id])}
                />
                <span>{t.title}</span>
              </label>
            );
          })}
        </div>
        <FieldError id="topics-error" error={errors.topics} />
      </fieldset>
    </Card>
  );
}
