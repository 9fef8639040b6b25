import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";

/**
 * Be Vietnam Pro (SIL Open Font License 1.1, from the npm package @expo-google-fonts/be-vietnam-pro): a typeface
 * drawn for Vietnamese, with every tone mark. The same TTF files are embedded in the PDF and given to resvg for the
 * PNG, and measured here, so that lines break where they are drawn.
 */
export const POSTER_FONT_FAMILY = "Be Vietnam Pro";
export type Weight = 400 | 700;

const require = createRequire(import.meta.url);
const FILES: Record<Weight, string> = {
  400: require.resolve("@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf"),
  700: require.resolve("@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf"),
};

export interface PosterFont {
  path: string;
  data: Buffer;
  font: fontkit.Font;
}

let loaded: Record<Weight, PosterFont> | null = null;

/** Read once, on the first poster. */
export function posterFonts(): Record<Weight, PosterFont> {
  if (!loaded) {
    const load = (w: Weight): PosterFont => {
      const data = readFileSync(FILES[w]);
      return { path: FILES[w], data, font: fontkit.create(data) as fontkit.Font };
    };
    loaded = { 400: load(400), 700: load(700) };
  }
  return loaded;
}

/** Text as drawn: composed Unicode (one code point per toned letter) and no **bold** markers. */
export function plain(s: string): string {
  return s.replace(/\*\*/g, "").replace(/\s+/g, " ").trim().normalize("NFC");
}

export function textWidth(s: string, size: number, weight: Weight): number {
  const { font } = posterFonts()[weight];
  return (font.layout(s).advanceWidth / font.unitsPerEm) * size;
}

/** Greedy line breaking at spaces; a single word wider than the line stays whole on its own line. */
export function wrap(s: string, size: number, weight: Weight, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of plain(s).split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, weight) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  // No lone last word ("khoản" on a line of its own) when the line above can give it a companion.
  const [prev, last] = [lines.at(-2), lines.at(-1)];
  if (prev?.includes(" ") && last && !last.includes(" ")) {
    const cut = prev.lastIndexOf(" ");
    const moved = `${prev.slice(cut + 1)} ${last}`;
    if (prev.slice(0, cut).includes(" ") && textWidth(moved, size, weight) <= maxWidth) lines.splice(-2, 2, prev.slice(0, cut), moved);
  }
  return lines;
}
