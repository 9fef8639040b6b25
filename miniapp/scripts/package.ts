/**
 * npm run miniapp:package — builds the mini app for Zalo and writes dist/miniapp-<APP_ID>.zip, the upload that
 * zmp-cli's "deploy an existing project" makes, within Zalo's limits; prints its size. APP_ID (or ZALO_MINIAPP_ID)
 * and VITE_API_URL come from the environment.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_ZIP_BYTES, packageMiniapp } from "./package-zip.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const appId = process.env.APP_ID ?? process.env.ZALO_MINIAPP_ID ?? "";
const problems: string[] = [];
if (!/^\d{5,30}$/.test(appId)) problems.push("APP_ID (or ZALO_MINIAPP_ID) is not set: the mini app's id from Zalo's developer console");
if (!/^https:\/\//.test(process.env.VITE_API_URL ?? "")) problems.push("VITE_API_URL is not an https:// origin: inside Zalo the mini app calls the API there");

execFileSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "miniapp/vite.config.ts"], { cwd: root, stdio: "inherit" });
const r = packageMiniapp(join(root, "www"));
problems.push(...r.problems);
mkdirSync(join(root, "dist"), { recursive: true });
const out = join(root, "dist", `miniapp-${appId || "no-app-id"}.zip`);
writeFileSync(out, r.zip);
console.log(`\n${out}: ${r.files} files, ${(r.zip.length / 1024).toFixed(0)} KB zipped (Zalo's limit: ${MAX_ZIP_BYTES / 1048576} MB)`);
if (problems.length) {
  console.error(`\nNot ready for Zalo:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`Upload it with zmp-cli (zmp deploy, "existing project") from www/, or in Zalo's developer console.`);
