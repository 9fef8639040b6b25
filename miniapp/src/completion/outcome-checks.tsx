import type { OutcomeKind } from "../../../shared/schemas/ledger";

interface Props {
  kinds: OutcomeKind[];
  /** Outcomes the person has already: shown ticked, not to be ticked again. */
  have: string[];
  ticked: string[];
  onChange(ticked: string[]): void;
}

/** What a resident can now do, as checkboxes; the system's own (a certificate) is shown, never ticked by hand. */
export function OutcomeChecks({ kinds, have, ticked, onChange }: Props) {
  return (
    <div role="group" aria-label="Việc người dân đã làm được">
      {kinds
        .filter((k) => !k.retired)
        .map((k) => {
          const done = have.includes(k.id);
          return (
            <label key={k.id} className="task-check">
              <input
                type="checkbox"
                checked={done || ticked.includes(k.id)}
                disabled={done || k.automatic === true}
                onChange={(e) => onChange(e.target.checked ? [...ticked, k.id] : ticked.filter((x) => x !== k.id))}
              />
              <span>
                {k.label}
                {k.automatic && !done ? <span className="task__meta"> (ghi tự động khi nhận chứng nhận)</span> : null}
              </span>
            </label>
          );
        })}
    </div>
  );
}
