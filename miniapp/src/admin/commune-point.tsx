import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { parsePoint } from "../../../shared/lib/geo-point";
import { adminErrorText } from "../api/error-text";
import { adminApi } from "../api/session";
import { ErrorBox } from "./error-box";


/**
 * Where the commune's office is, so that a resident who sends the OA a location is offered this commune.
 * The official copies the point from a map app ("21.0341, 105.8372").
 */
export function CommunePointCard({ code, name }: { code: string; name: string }) {
  const [text, setText] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminApi.communePoint(code).then(
      (v) => v.point && setText(`${v.point.latitude}, ${v.point.longitude}`),
      () => undefined,
    );
  }, [code]);
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
      <p className="admin-hint">Người dân gửi vị trí cho OA sẽ được gợi ý xã/phường gần nhất. Mở bản đồ, giữ ngón tay trên trụ sở, chép toạ độ rồi dán vào đây.</p>
      <div className="field">
        <label className="field__label" htmlFor={`point-input-${code}`}>
          Toạ độ (vĩ độ, kinh độ)
        </label>
        <input id={`point-input-${code}`} className="field__input" inputMode="decimal" value={text} placeholder="21.0341, 105.8372" onChange={(e) => setText(e.target.value)} />
      </div>
      <ErrorBox message={error} />
      {saved ? <p role="status">{saved}</p> : null}
      <Button fullWidth variant="secondary" onClick={() => void save()}>
        Lưu vị trí
      </Button>
    </section>
  );
}
