interface Props {
  /** Option ids in the order shown. */
  order: string[];
  textOf(id: string): string;
  /** Once answered: whether the option at a position is where it belongs (null: not judged). */
  judged?: (id: string, pos: number) => boolean | null;
  /** Moves the option at `pos` up (-1) or down (+1); absent once answered. */
  onMove?: (pos: number, delta: number) => void;
}

/** An order question's steps with arrow buttons to move them (no dragging: easier for unsteady hands and screen readers). */
export function OrderList({ order, textOf, judged, onMove }: Props) {
  return (
    <ol className="order-list">
      {order.map((optId, pos) => {
        const ok = judged ? judged(optId, pos) : null;
        const text = textOf(optId);
        return (
          <li key={optId} className={`order-item${ok === true ? " is-correct" : ok === false ? " is-wrong" : ""}`}>
            <span className="order-item__pos" aria-hidden>
              {pos + 1}
            </span>
            <span className="order-item__text">{text}</span>
            {onMove ? (
              <span className="order-item__moves">
                <button type="button" className="icon-button" aria-label={`Đưa lên: ${text}`} disabled={pos === 0} onClick={() => onMove(pos, -1)}>
                  ▲
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Đưa xuống: ${text}`}
                  disabled={pos === order.length - 1}
                  onClick={() => onMove(pos, 1)}
                >
                  ▼
                </button>
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** `order` with the item at `pos` moved by `delta`, or unchanged at either end. */
export function moved(order: string[], pos: number, delta: number): string[] {
  const t = pos + delta;
  if (t < 0 || t >= order.length) return order;
  const n = [...order];
  [n[pos], n[t]] = [n[t]!, n[pos]!];
  return n;
}
