import { useState } from "react";
import { api } from "../api/client";
import { errorText } from "../api/error-text";
import { useDebounced } from "../lib/use-debounced";
import { useLoad } from "../lib/use-load";

/** Finds a commune by typing its name (tone marks optional) anywhere in the country. */
export function CommuneSearch({ onPick }: { onPick(c: { code: string; name: string }): void }) {
  const [q, setQ] = useState("");
  const typed = q.trim();
  const query = useDebounced(typed, 250);
  const search = useLoad(query.length >= 2 ? () => api.communes(query, null, 8) : null, [query]);
  const found = typed.length >= 2 ? (search.data?.communes ?? []) : [];
  return (
    <div className="field">
      <label className="field__label" htmlFor="commune-search">
        Xã, phường nơi bạn sống
      </label>
      <input
        id="commune-search"
        className="field__input"
        type="search"
        autoComplete="off"
        placeholder="Gõ tên xã, phường, ví dụ: ba dinh"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {search.error ? <p className="field__error">{errorText(search.error)}</p> : null}
      {found.length ? (
        <ul className="commune-results" aria-label="Xã, phường tìm thấy">
          {found.map((c) => (
            <li key={c.code}>
              <button type="button" className="chip" onClick={() => onPick({ code: c.code, name: c.fullName })}>
                {c.fullName}
              </button>
            </li>
          ))}
        </ul>
      ) : typed.length >= 2 && search.status === "ready" ? (
        <p className="field__hint">Không tìm thấy. Hãy gõ tên khác.</p>
      ) : null}
    </div>
  );
}
