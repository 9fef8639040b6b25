import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ZALO_TEST_ENV } from "../helpers/zalo-env.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ksc-wiring-"));

/** The repository's files a fresh process loads to build, start and stop the server with this environment. */
async function filesLoaded(env: Record<string, string>, db: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["tests/helpers/loaded-modules.mjs"], {
    cwd: ROOT,
    // Only what is given here: no ZALO_* or REDIS_URL from the machine's own environment.
    env: {
      PATH: process.env.PATH ?? "",
      LOG_LEVEL: "silent",
      MINIAPP_DIR: "/nonexistent",
      FOLLOWER_IMPORT_HOURS: "0",
      DATABASE_URL: `sqlite:${join(dir, db)}`,
      ...env,
    },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as string[];
}

const inSandbox = (files: string[]) => files.filter((f) => f.startsWith("bot-server/src/sandbox/"));

describe("production wiring", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("in Zalo mode the server loads no module of the Zalo sandbox", async () => {
    const files = await filesLoaded({ ...ZALO_TEST_ENV, ZALO_OPENAPI_URL: "http://127.0.0.1:9/", ZALO_OAUTH_URL: "http://127.0.0.1:9/" }, "zalo.db");
    expect(files).toContain("bot-server/src/plugins/zalo.ts");
    expect(files).toContain("bot-server/src/routes/webhook.ts");
    expect(inSandbox(files)).toEqual([]);
  }, 60_000);

  it("in sandbox mode it does load the sandbox (the check above sees what it looks for)", async () => {
    expect(inSandbox(await filesLoaded({}, "sandbox.db"))).toEqual(
      expect.arrayContaining(["bot-server/src/sandbox/mount.ts", "bot-server/src/sandbox/world.ts"]),
    );
  }, 60_000);
});
