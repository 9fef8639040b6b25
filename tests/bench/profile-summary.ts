/**
 * Where a benchmarked server spends its time: reads the V8 CPU profiles that BENCH_PROFILE=<dir> makes the servers
 * write, and prints self time by package (or by project file) and the heaviest functions.
 *   BENCH_PROFILE=/tmp/prof npm run bench:progress && npx tsx tests/bench/profile-summary.ts /tmp/prof 25 --last 8
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<pkg> for a dependency, the path inside the project for our own code, the V8 category otherwise. */
function placeOf(url: string): string {
  if (!url) return "(native/V8)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  const src = url.search(/(bot-server|shared|tests)\//);
  return src >= 0 ? url.slice(src) : url;
}

function summarise(file: string, top: number, lastS: number | null): void {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // --last S: only the S seconds before the server stopped (the last, unthrottled step of a bench).
  const end = p.timeDeltas.reduce((a, b) => a + b, 0);
  let t = 0;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    if (lastS === null || t >= end - lastS * 1e6) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const place = placeOf(n.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${place}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  // Inclusive time of the project's own functions: a sample counts for every function of ours on its stack, once.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const place = placeOf(n.callFrame.url);
      if (!/^(bot-server|shared)\//.test(place)) continue;
      const fn = `${n.callFrame.functionName || "(anonymous)"} ${place}:${n.callFrame.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  for (const [place, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${place}`);
  console.log("  heaviest functions:");
  for (const [fn, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${fn}`);
  console.log("  our functions, inclusive:");
  for (const [fn, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${fn}`);
}

const args = process.argv.slice(2);
const lastAt = args.indexOf("--last");
const lastS = lastAt >= 0 ? Number(args.splice(lastAt, 2)[1]) : null;
const [dir, topArg] = args;
if (!dir || (lastS !== null && !(lastS > 0))) {
  console.error("usage: tsx tests/bench/profile-summary.ts <dir with .cpuprofile files> [top] [--last seconds]");
  process.exit(2);
}
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .sort())
  summarise(join(dir, f), Number(topArg ?? 25), lastS);
