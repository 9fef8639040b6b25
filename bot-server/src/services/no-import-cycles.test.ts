import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SERVICES = join(SRC, "services");

/** Every `from "./x.js"`, `import "./x.js"` and `import("./x.js")`, type-only imports included (ESLint's import/no-cycle counts them too). */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The server's own imports, file to files (relative imports only: packages and shared/ cannot import back). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const targets = [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")));
      return [file, targets.filter((t) => known.has(t))];
    }),
  );
}

/** The import circles, each as the files along it (first file repeated at the end); none when the graph has none. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("service imports", () => {
  it("the check finds a circle, and only a circle", () => {
    expect(
      cycles(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b", "c", "a"]]);
    expect(
      cycles(
        new Map([
          ["a", ["b", "c"]],
          ["b", ["c"]],
          ["c", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("the import pattern reads the ways a file imports another", () => {
    const text =
      'import { a } from "./a.js";\nimport type { B } from "../b.js";\nimport "./c.js";\nconst d = await import("./d.js");\nimport { e } from "kysely";';
    expect([...text.matchAll(IMPORT)].map((m) => m[1])).toEqual(["./a.js", "../b.js", "./c.js", "./d.js"]);
  });

  it("no circle runs through a service (deliver-batch and the campaign use cases included)", () => {
    const graph = importGraph(sourceFiles(SRC));
    const throughServices = cycles(graph).filter((c) => c.some((f) => f.startsWith(SERVICES)));
    expect(throughServices.map((c) => c.map((f) => relative(SRC, f)).join(" → "))).toEqual([]);
  });
});
