import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { zipSync } from "fflate";

/** Zalo's deploy limits (zalo-platform.md, "Build"): 3 MB per file, 10 MB zipped in all. */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;
export const MAX_ZIP_BYTES = 10 * 1024 * 1024;

export interface PackageResult {
  zip: Uint8Array;
  files: number;
  /** Every problem in plain words; empty when the package may be uploaded. */
  problems: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * The mini app's production build as zmp-cli's "deploy an existing project" takes it: the whole of www/ (with
 * app-config.json, its asset lists filled in by zmp-vite-plugin), zipped, checked against Zalo's limits.
 */
export function packageMiniapp(wwwDir: string): PackageResult {
  const problems: string[] = [];
  const entries: Record<string, Uint8Array> = {};
  const files = walk(wwwDir);
  for (const file of files) {
    const name = relative(wwwDir, file).split("\\").join("/");
    const bytes = readFileSync(file);
    if (bytes.length > MAX_FILE_BYTES) problems.push(`${name} is ${(bytes.length / 1048576).toFixed(1)} MB: Zalo takes at most 3 MB per file`);
    entries[name] = new Uint8Array(bytes);
  }
  const config = entries["app-config.json"];
  if (!config) problems.push("app-config.json is missing: build with `npm run build` (zmp-vite-plugin writes it)");
  else {
    try {
      const c = JSON.parse(Buffer.from(config).toString("utf8")) as { listSyncJS?: unknown[]; listAsyncJS?: unknown[] };
      if (!c.listSyncJS?.length && !c.listAsyncJS?.length) problems.push("app-config.json lists no scripts: the build did not go through zmp-vite-plugin");
    } catch {
      problems.push("app-config.json is not valid JSON");
    }
  }
  if (!entries["index.html"]) problems.push("index.html is missing");
  const zip = zipSync(entries, { level: 9 });
  if (zip.length > MAX_ZIP_BYTES) problems.push(`the zip is ${(zip.length / 1048576).toFixed(1)} MB: Zalo takes at most 10 MB`);
  return { zip, files: files.length, problems };
}
