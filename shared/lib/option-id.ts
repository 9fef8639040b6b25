/**
 * An option's id: a short hash of what it says (its text, and for spot-scam messages who they seem to come from),
 * before {{vars}} are filled in. Answers carry ids, so an option keeps its id when options are reordered (the apps
 * shuffle them, and the content may be rebalanced) or when a variable's value changes; rewording an option makes
 * it a new option.
 */
export function optionId(text: string, from?: string): string {
  // FNV-1a over UTF-16 code units, twice with different seeds for 2 × 32 bits.
  const key = `${from ?? ""}\u0000${text.trim()}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 ^ 0x2f) >>> 0;
  }
  return (a.toString(36).padStart(7, "0") + b.toString(36).padStart(7, "0")).slice(0, 10);
}
