import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sandboxIdentity, SANDBOX_USERS } from "../../bot-server/src/sandbox/identity.js";
import { zaloEnvFor } from "../../bot-server/src/sandbox/server.js";
import { freePort } from "./net.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Proc {
  url: string;
  child: ChildProcess;
  /** The last lines the process wrote to stderr, for failure messages. */
  tail(): string;
  /** SIGKILL (a crash) or SIGTERM (a clean stop), and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a script of this repository (through tsx) and, for servers, waits until `probe` answers. */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  probe: string | null,
  opts: { port?: number; nodeArgs?: string[] } = {},
): Promise<Proc> {
  const p = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", script], {
    cwd: ROOT,
    // No scheduled follower import unless a test asks (it would call Zalo in the middle of what is measured).
    env: { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(p), FOLLOWER_IMPORT_HOURS: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (c: string) => {
    err = (err + c).slice(-4000);
  });
  const proc: Proc = {
    url: `http://127.0.0.1:${p}`,
    child,
    tail: () => err,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
    },
  };
  if (probe === null) return proc;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${err}`);
    if (
      await fetch(`${proc.url}${probe}`).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return proc;
    await new Promise((r) => setTimeout(r, 250));
  }
  await proc.stop("SIGKILL");
  throw new Error(`${script} did not start: ${err}`);
}

/** The Zalo sandbox in its own process, and the environment that makes an app process take it for Zalo. */
export async function startSandbox(seed: string, faults: Record<string, unknown> = {}): Promise<{ proc: Proc; zaloEnv: Record<string, string> }> {
  const proc = await startProcess("bot-server/src/sandbox/main.ts", { SANDBOX_SEED: seed, SANDBOX_FAULTS: JSON.stringify(faults) }, "/sandbox/config");
  return { proc, zaloEnv: zaloEnvFor(sandboxIdentity(seed), proc.url) };
}

export async function postJson<T = unknown>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function getJson<T = unknown>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The operator connects the OA as with the real Zalo: start → Zalo's consent page → callback with a code. */
export async function connectOa(webUrl: string, operatorKey: string): Promise<void> {
  let url = `${webUrl}/oauth/zalo/start?key=${operatorKey}`;
  for (let hop = 0; hop < 3; hop++) {
    const res = await fetch(url, { redirect: "manual" });
    const next = res.headers.get("location");
    if (!next) {
      if (res.status !== 200) throw new Error(`OA connection failed at ${url}: ${res.status} ${await res.text()}`);
      return;
    }
    url = new URL(next, url).toString();
  }
  throw new Error("OA connection: too many redirects");
}

/** Signs in a sandbox user (index into SANDBOX_USERS) on a web process whose Graph API is the sandbox. */
export async function signIn(webUrl: string, sandboxUrl: string, userIndex = 0): Promise<Record<string, string>> {
  const user = SANDBOX_USERS[userIndex]!;
  const zalo = await postJson<{ access_token: string }>(`${sandboxUrl}/sandbox/users/${user.id}/token`, {});
  const s = await postJson<{ token: string }>(`${webUrl}/api/v1/auth/zalo`, { accessToken: zalo.access_token });
  return { authorization: `Bearer ${s.token}` };
}
