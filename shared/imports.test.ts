import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The import rules of shared/ (../DESIGN.md: no circles, nothing upward), read from the source: static imports and
 * re-exports (type-only ones marked), and dynamic import().
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface Edge {
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "content" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const STATIC = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:([\w*\s{},$]+?)\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** A relative specifier as the file it names (the server writes ".js", the mini app nothing); a package as its name. */
function target(from: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  const base = resolve(dirname(from), spec).replace(/\.js$/, "");
  return [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find(existsSync) ?? base;
}

function edges(file: string): Edge[] {
  const text = readFileSync(file, "utf8");
  const out: Edge[] = [];
  for (const m of text.matchAll(STATIC)) {
    const names = m[2] ?? "";
    // `import { type A, type B }` is type-only too; `import { type A, b }` is not.
    const allTypes =
      /^\{[^}]*\}$/.test(names.trim()) &&
      names
        .replace(/[{}\s]/g, "")
        .split(",")
        .filter(Boolean)
        .every((n) => n.startsWith("type"));
    out.push({ to: target(file, m[3]!), typeOnly: m[1] !== undefined || (names !== "" && allTypes) });
  }
  for (const m of text.matchAll(DYNAMIC)) out.push({ to: target(file, m[1]!), typeOnly: false });
  return out;
}

const shared = join(ROOT, "shared");
const graph = new Map(sourceFiles(shared).map((f) => [f, edges(f)]));
const name = (f: string) => relative(ROOT, f);

describe("shared/ imports", () => {
  it("form no circle, type-only imports included", () => {
    const done = new Set<string>();
    const path: string[] = [];
    const circles: string[] = [];
    const visit = (f: string) => {
      if (path.includes(f)) return void circles.push([...path.slice(path.indexOf(f)), f].map(name).join(" → "));
      if (done.has(f)) return;
      path.push(f);
      for (const e of graph.get(f) ?? []) if (graph.has(e.to)) visit(e.to);
      path.pop();
      done.add(f);
    };
    for (const f of graph.keys()) visit(f);
    expect(circles).toEqual([]);
  });

  it("take nothing from the server or the mini app", () => {
    const upward = [...graph].flatMap(([f, es]) =>
      es.filter((e) => e.to.startsWith(ROOT) && !e.to.startsWith(shared)).map((e) => `${name(f)} → ${name(e.to)}`),
    );
    expect(upward).toEqual([]);
  });

  it("what the mini app runs of shared/ brings no zod, Node built-in or zmp-sdk with it", () => {
    const reached = new Set<string>();
    const walk = (f: string) => {
      if (reached.has(f)) return;
      reached.add(f);
      for (const e of graph.get(f) ?? []) if (!e.typeOnly) walk(e.to);
    };
    for (const f of sourceFiles(join(ROOT, "miniapp", "src"))) for (const e of edges(f)) if (!e.typeOnly && e.to.startsWith(shared)) walk(e.to);
    expect([...reached].some((f) => f.startsWith(shared))).toBe(true);
    const heavy = [...reached].filter((f) => f === "zod" || f.startsWith("zod/") || f.startsWith("node:") || f.startsWith("zmp-") || f === "yaml");
    expect(heavy).toEqual([]);
  });
});
