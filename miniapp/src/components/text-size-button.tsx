import { cycleTextSize } from "../state/actions";
import { useAppState } from "../state/store";

const LABELS = ["Cỡ chữ: vừa", "Cỡ chữ: lớn", "Cỡ chữ: rất lớn"];

/** "Aa": three text sizes, remembered on the phone. */
export function TextSizeButton() {
  const size = useAppState((s) => s.textSize);
  return (
    <button type="button" className="icon-button text-size-button" aria-label={`${LABELS[size]}. Bấm để đổi cỡ chữ`} onClick={() => cycleTextSize(size)}>
      <span aria-hidden>
        A<small>a</small>
      </span>
    </button>
  );
}
