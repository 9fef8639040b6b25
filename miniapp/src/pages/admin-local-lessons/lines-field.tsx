import type { FieldProblem } from "../../api/http";
import { Field } from "../../components/field";

/** A list written one item per line (key steps, the teacher notes' lists); each line's problem shown under it. */
export function LinesField({
  id,
  path,
  label,
  value,
  problems,
  onChange,
}: {
  id: string;
  path: string;
  label: string;
  value: string[];
  problems: FieldProblem[];
  onChange(v: string[]): void;
}) {
  const mine = problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
  // The server numbers the lines that are not blank (blank ones are dropped when saving): its nth is this line here.
  const written = value.flatMap((v, i) => (v.trim() ? [i] : []));
  const lineOf = (p: FieldProblem) => (written[Number(p.path.slice(path.length + 1))] ?? 0) + 1;
  const error = mine.length ? mine.map((p) => (p.path === path ? p.message : `Dòng ${lineOf(p)}: ${p.message}`)).join(" ") : null;
  return (
    <Field id={id} label={label} hint="Mỗi ý một dòng." error={error}>
      {(d) => (
        <textarea
          {...d}
          className="field__input"
          rows={Math.max(3, value.length + 1)}
          value={value.join("\n")}
          onChange={(e) => onChange(e.target.value.split("\n"))}
        />
      )}
    </Field>
  );
}
