interface Props {
  option: { text: string; from?: string };
  /** Spot-scam options are messages: shown with who they seem to come from. */
  message: boolean;
  picked: boolean;
  /** Once judged: " is-correct", " is-wrong", or "". */
  state?: string;
  disabled?: boolean;
  onClick(): void;
}

/** One option of a question, as a toggle button. */
export function OptionButton({ option: o, message, picked, state = "", disabled = false, onClick }: Props) {
  return (
    <button
      type="button"
      className={`option${message ? " option--message" : ""}${picked ? " is-picked" : ""}${state}`}
      aria-pressed={picked}
      disabled={disabled}
      onClick={onClick}
    >
      {o.from ? <span className="option__from">{o.from}</span> : null}
      <span className="option__text">{o.text}</span>
    </button>
  );
}
