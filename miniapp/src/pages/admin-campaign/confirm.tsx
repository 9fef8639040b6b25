import { Button } from "zmp-ui";

/** Asks once more before what cannot be undone. */
export function Confirm({ text, yes, onYes, onNo, busy }: { text: string; yes: string; onYes(): void; onNo(): void; busy: boolean }) {
  return (
    <div className="confirm" role="group" aria-label="Xác nhận">
      <p className="confirm__text">{text}</p>
      <div className="confirm__buttons">
        <Button variant="secondary" disabled={busy} onClick={onNo}>
          Thôi
        </Button>
        <Button loading={busy} disabled={busy} onClick={onYes}>
          {yes}
        </Button>
      </div>
    </div>
  );
}
