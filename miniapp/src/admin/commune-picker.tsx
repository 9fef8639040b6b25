import { useState } from "react";
import { api } from "../api/client";
import { adminErrorText } from "../api/error-text";
import { useDebounced } from "../lib/use-debounced";
import { useLoad } from "../lib/use-load";

export interface PickedCommune {
  code: string;
  fullName: string;
}

interface Props {
  provinceCode: string;
  value: PickedCommune[];
  onChange(next: PickedCommune[]): void;
}

/** Some communes inside a province, found by typing a name (tone marks optional); none chosen = the whole province. */
export function CommunePicker({ provinceCode, value, onChange }: Props) {
  const [q, setQ] = useState("");
  const typed = q.trim();
  const query = useDebounced(typed, 250);
  const search = useLoad(query.length >= 2 ? () => api.communes(query, provinceCode, 8) : null, [query, provinceCode]);
  const found: PickedCommune[] = typed.length >= 2 ? (search.data?.communes ?? []) : [];
  const error = search.error ? adminErrorText(search.error) : null;
  const chosen = new Set(value.map((c) => c.code));
  return (
    <div className="field">
      <label className="field__label" htmlFor="f-commune-search">
        Chỉ gửi một số xã/phường (không bắt buộc)
      </label>
      <input
        id="f-commune-search"
        className="field__input"
        type="search"
        autoComplete="off"
        placeholder="Gõ tên xã/phường, ví dụ: ba dinh"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {error ? <p className="field__error">{error}</p> : null}
      {found.length ? (
        <ul className="commune-results" aria-label="Xã/phường tìm thấy">
          {found.map((c) => (
            <li key={c.code}>
              <button type="button" className="chip" disabled={chosen.has(c.code)} onClick={() => onChange([...value, c])}>
                + {c.fullName}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {value.length ? (
        <ul className="commune-chosen" aria-label="Xã/phường đã chọn">
          {value.map((c) => (
            <li key={c.code}>
              <button
                type="button"
                className="chip is-selected"
                aria-label={`Bỏ ${c.fullName}`}
                onClick={() => onChange(value.filter((x) => x.code !== c.code))}
              >
                {c.fullName} ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field__hint">Chưa chọn xã/phường nào: tin gửi cho cả tỉnh/thành.</p>
      )}
    </div>
  );
}
