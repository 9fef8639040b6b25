/**
 * Splits text into pieces of at most `max` characters without cutting a word: at a paragraph break if one is
 * near, else at a sentence end, else at a space. A single word longer than `max` is the only thing ever cut.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const minCut = Math.floor(max / 2);
    let cut = -1;
    for (const sep of ["\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " "]) {
      const i = window.lastIndexOf(sep);
      if (i >= minCut) {
        cut = i + sep.trimEnd().length;
        break;
      }
    }
    // No break in the second half: break at the last space anywhere rather than inside a word that would fit.
    if (cut <= 0) cut = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\n"));
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
