/** A JSON column read back: text that is not JSON (edited by hand, say) is given as it is rather than failing the read. */
export function jsonOrText(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
