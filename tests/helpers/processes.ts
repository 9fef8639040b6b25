import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Worker {
  /** Resolves when the process printed "ready". */
  ready: Promise<void>;
  /** Sends the start signal (one line on stdin). */
  go(): void;
  /** The JSON line the process printed after the start signal, once it has exited with code 0. */
  result: Promise<Record<string, unknown>>;
  kill(): void;
}

/**
 * Starts a TypeScript script of this repository in its own Node.js process (through tsx), with extra environment
 * variables, speaking the ready / go / one-JSON-line protocol of tests/helpers/oa-token-worker.ts.
 */
export function startWorker(script: string, env: Record<string, string>): Worker {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let onReady!: () => void;
  let onReadyFail!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    onReady = res;
    onReadyFail = rej;
  });
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    out += chunk;
    if (out.split("\n").includes("ready")) onReady();
  });
  child.stderr.on("data", (chunk: string) => {
    err += chunk;
  });
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.on("exit", (code) => {
      const lines = out.split("\n").filter(Boolean);
      const last = lines.at(-1);
      if (code !== 0 || !last || last === "ready") {
        const e = new Error(`worker ${script} exited with ${code}: ${err || out}`);
        onReadyFail(e);
        reject(e);
        return;
      }
      resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
  result.catch(() => undefined);
  ready.catch(() => undefined);
  return {
    ready,
    go: () => child.stdin.write("go\n"),
    result,
    kill: () => {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
