/** A line of a table of figures: what is counted, and the figure. */
export function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <tr className={strong ? "is-strong" : undefined}>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}
