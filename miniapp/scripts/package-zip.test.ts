import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, packageMiniapp } from "./package-zip.js";

const dirs: string[] = [];
function www(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "ksc-pkg-"));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const CONFIG = JSON.stringify({ app: { title: "KSC" }, listCSS: ["assets/a.css"], listSyncJS: ["assets/a.js"], listAsyncJS: [] });

describe("the mini app's upload for Zalo (zalo-platform.md: 3 MB per file, 10 MB zipped)", () => {
  it("zips all of www/ with app-config.json, paths kept", () => {
    const r = packageMiniapp(www({ "index.html": "<!doctype html>", "app-config.json": CONFIG, "assets/a.js": "console.log(1)", "assets/a.css": "body{}" }));
    expect(r.problems).toEqual([]);
    expect(r.files).toBe(4);
    expect(Object.keys(unzipSync(r.zip)).sort()).toEqual(["app-config.json", "assets/a.css", "assets/a.js", "index.html"]);
  });

  it("names each problem: a file over 3 MB, no app-config.json, no index.html", () => {
    const big = www({ "index.html": "x", "app-config.json": CONFIG, "assets/big.png": Buffer.alloc(MAX_FILE_BYTES + 1) });
    expect(packageMiniapp(big).problems).toEqual([expect.stringMatching(/^assets\/big\.png is 3\.0 MB: Zalo takes at most 3 MB per file$/)]);
    expect(packageMiniapp(www({ "assets/a.js": "1" })).problems).toEqual([expect.stringContaining("app-config.json is missing"), "index.html is missing"]);
    expect(packageMiniapp(www({ "index.html": "x", "app-config.json": JSON.stringify({ listSyncJS: [], listAsyncJS: [] }) })).problems).toEqual([
      expect.stringContaining("lists no scripts"),
    ]);
  });
});
