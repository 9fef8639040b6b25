import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../helpers/net.js";

export interface Started {
  url: string;
  child: ChildProcess;
}

/** Starts a server script (tsx) on a free port of 127.0.0.1 and waits until `probe` answers below 500. */
export async function startServer(script: string, env: Record<string, string>, probe: { path: string; method?: "GET" | "POST" }): Promise<Started> {
  const port = await freePort();
  // BENCH_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops (see tests/bench/profile-summary.ts).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", script], {
    // Production settings, except that a server in sandbox mode (no Zalo credentials) refuses NODE_ENV=production.
    env: { ...process.env, NODE_ENV: env.ZALO_APP_ID ? "production" : "test", ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const init = probe.method === "POST" ? { method: "POST", headers: { "content-type": "application/json" }, body: "{}" } : {};
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    if (
      await fetch(`${url}${probe.path}`, init).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`${script} did not start`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}
