import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ksc-doctor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function doctor(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bot-server/src/cli/doctor.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "silent", MINIAPP_DIR: "/nonexistent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("npm run doctor", () => {
  it("in sandbox mode runs every check against the sandbox, and all pass", async () => {
    const r = await doctor({ DATABASE_URL: `sqlite:${join(dir, "sandbox.db")}` });
    expect(r.code, r.out).toBe(0);
    for (const name of ["PUBLIC_URL", "SESSION_SECRET", "OA connected", "Mini app linked to the OA", "Webhook events", "Domain verification", "Message quota"])
      expect(r.out).toContain(`✓ ${name}`);
    expect(r.out).not.toContain("✗");
  }, 60_000);

  it("a production configuration that is not ready: each problem with its fix, exit 1", async () => {
    const r = await doctor({
      DATABASE_URL: `sqlite:${join(dir, "zalo.db")}`,
      NODE_ENV: "production",
      PUBLIC_URL: "http://ksc.example.vn",
      ZALO_APP_ID: "4100000000000000001",
      ZALO_APP_SECRET: "short",
      ZALO_MINIAPP_ID: "4100000000000000002",
      ZALO_OA_ID: "4100000000000000003",
      ZALO_OA_SECRET_KEY: "also-short",
      SESSION_SECRET: "k7Qz-2mWp9xLr4Tb8NcV1hJd6FgS3aYe",
      // Nothing listens there: the checks that ask Zalo fail, and say what to do.
      ZALO_GRAPH_URL: "http://127.0.0.1:9",
      ZALO_OPENAPI_URL: "http://127.0.0.1:9",
      ZALO_OAUTH_URL: "http://127.0.0.1:9",
    });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain("✗ PUBLIC_URL: http://ksc.example.vn is not HTTPS");
    expect(r.out).toContain("✗ OPERATOR_KEY: not set");
    expect(r.out).toContain("✗ Zalo secrets");
    expect(r.out).toContain("✗ OA connected: not_connected");
    expect(r.out).toContain("✗ Mini app linked to the OA: no sign-in seen yet");
    expect(r.out).toContain("✗ Webhook events: no event has arrived");
    expect(r.out).toContain("✗ Domain verification: ZALO_DOMAIN_VERIFICATION is not set");
    expect(r.out).toContain("✗ Message quota");
    expect(r.out.match(/ {2}Fix: /g)?.length).toBe(8);
    expect(r.out).toContain("8 problems to fix.");
  }, 60_000);

  it("a configuration that does not even load is named, variable by variable", async () => {
    const r = await doctor({ DATABASE_URL: "mysql://nope", PORT: "70000", SESSION_SECRET: "a".repeat(40) });
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ Configuration");
    expect(r.out).toContain("DATABASE_URL");
    expect(r.out).toContain("PORT");
    expect(r.out).toContain("SESSION_SECRET: is too simple");
  }, 60_000);
});
