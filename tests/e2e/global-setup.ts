import { execSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDebianTools } from "../helpers/debian-tools.js";
import { freePort } from "../helpers/net.js";
import { ensureChromium } from "./chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not become healthy in 60 s");
}

/**
 * Builds the production mini app and starts the real server on it, in sandbox mode on a fresh SQLite file.
 * Cross-origin, as inside Zalo (the mini app on h5.zdn.vn, the API on its own host): the pages are opened on
 * http://localhost:<port> and the app calls the API on http://127.0.0.1:<port>, another origin, so CORS applies.
 */
export default async function setup(project: TestProject) {
  ensureChromium();
  // The lessons' Nghe button: the server makes each step's audio with the machine voice on demand.
  ensureDebianTools({ "espeak-ng": "espeak-ng", ffmpeg: "ffmpeg" });
  const port = await freePort();
  execSync("npm run build", { stdio: "inherit", env: { ...process.env, VITE_API_URL: `http://127.0.0.1:${port}` } });
  const dataDir = mkdtempSync(join(tmpdir(), "ksc-e2e-"));
  const child = spawn(process.execPath, ["--import", "tsx", "bot-server/src/main.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${join(dataDir, "e2e.db")}`, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://localhost:${port}`;
  await waitForHealth(baseUrl, child);
  project.provide("baseUrl", baseUrl);
  project.provide("dataDir", dataDir);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
