import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Budget for what the first screen loads (entry JS, its static imports, CSS), gzipped. */
export const FIRST_SCREEN_BUDGET_BYTES = 200 * 1024;

/** Prints the gzip size of what the first screen loads, after every production build. */
export function sizeReportPlugin(): Plugin {
  return {
    name: "ksc-size-report",
    apply: "build",
    generateBundle(_opts, bundle) {
      const byName = new Map(Object.values(bundle).map((o) => [o.fileName, o]));
      const first = new Set<string>();
      const visit = (name: string) => {
        const o = byName.get(name);
        if (!o || first.has(name)) return;
        first.add(name);
        if (o.type === "chunk") {
          o.imports.forEach(visit);
          for (const css of o.viteMetadata?.importedCss ?? []) first.add(css);
        }
      };
      for (const o of byName.values()) if (o.type === "chunk" && o.isEntry) visit(o.fileName);
      let total = 0;
      const rows: string[] = [];
      for (const name of first) {
        const o = byName.get(name)!;
        const bytes = gzipSync(o.type === "chunk" ? o.code : o.source).length;
        total += bytes;
        rows.push(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${name}`);
      }
      const verdict = total <= FIRST_SCREEN_BUDGET_BYTES ? "within" : "OVER";
      console.log(
        `\nFirst screen (gzip):\n${rows.join("\n")}\n  ${(total / 1024).toFixed(1).padStart(7)} KB  total, ${verdict} the ${FIRST_SCREEN_BUDGET_BYTES / 1024} KB budget`,
      );
      console.log(JSON.stringify({ firstScreenGzipBytes: total, budgetBytes: FIRST_SCREEN_BUDGET_BYTES }));
    },
  };
}
