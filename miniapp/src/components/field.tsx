import type { ReactNode } from "react";

/** What the control spreads on itself, so that screen readers read its hint and error with it. */
export interface Described {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface FieldProps {
  /** The control's id, which the label points at. */
  id: string;
  /** Names the hint, counter and error: `${name}-hint`, `${name}-count`, `${name}-error` (default: the id). */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  /** A count under the control, such as "12/100"; red once over the limit. */
  counter?: { text: ReactNode; over: boolean };
  error?: string | null;
  children(described: Described): ReactNode;
}

export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  return error ? (
    <p id={id} className="field__error">
      {error}
    </p>
  ) : null;
}

/** A labelled control with its hint, counter and, when there is one, its error under it. */
export function Field({ id, name = id, label, hint, counter, error, children }: FieldProps) {
  const ids = { hint: `${name}-hint`, count: `${name}-count`, error: `${name}-error` };
  const describedBy = [hint ? ids.hint : null, counter ? ids.count : null, error ? ids.error : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {hint ? (
        <p id={ids.hint} className="field__hint">
          {hint}
        </p>
      ) : null}
      {counter ? (
        <p id={ids.count} className={`field__counter${counter.over ? " is-over" : ""}`}>
          {counter.text}
        </p>
      ) : null}
      <FieldError id={ids.error} error={error} />
    </div>
  );
}
