import { useState } from "react";
import { Button } from "zmp-ui";
import { parsePoint } from "../../../shared/lib/geo-point";
import { adminErrorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { Field } from "../components/field";
import { useLoad } from "../lib/use-load";
import { ErrorBox } from "./error-box";

/**
 * Where the commune's office is, so that a resident who sends the OA a location is offered this commune.
 * The official copies the point from a map app ("21.0341, 105.8372").
 */
export function CommunePointCard({ code, name }: { code: string; name: string }) {
  // The point saved before, until the official types another (not known: an empty box).
  const stored = useLoad(() => adminApi.communePoint(code), [code]).data?.point;
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? (stored ? `${stored.latitude}, ${stored.longitude}` : "");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const p = parsePoint(text);
    if (!p) return setError("Hãy dán vĩ độ và kinh độ, ví dụ: 21.0341, 105.8372 (vĩ độ trước, dùng dấu chấm).");
    try {
      await adminApi.setCommunePoint(code, p);
      setError(null);
      setSaved(`Đã lưu vị trí của ${name}.`);
    } catch (e) {
      setError(adminErrorText(e));
    }
  };
  return (
    <section className="card" aria-labelledby={`point-${code}`}>
      <h2 id={`point-${code}`} className="card__title">
        Vị trí trụ sở {name}
      </h2>
      <p className="admin-hint">
        Người dân gửi vị trí cho OA sẽ được gợi ý xã/phường gần nhất. Mở bản đồ, giữ ngón tay trên trụ sở, chép toạ độ rồi dán vào đây.
      </p>
      <Field id={`point-input-${code}`} label="Toạ độ (vĩ độ, kinh độ)">
        {(described) => (
          <input
            className="field__input"
            inputMode="decimal"
            value={text}
            placeholder="21.0341, 105.8372"
            onChange={(e) => setTyped(e.target.value)}
            {...described}
          />
        )}
      </Field>
      <ErrorBox message={error} />
      {saved ? <p role="status">{saved}</p> : null}
      <Button fullWidth variant="secondary" onClick={() => void save()}>
        Lưu vị trí
      </Button>
    </section>
  );
}
