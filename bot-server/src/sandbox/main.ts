/**
 * npm run sandbox — the Zalo sandbox on its own port. Start web and worker processes with the environment it
 * prints (and SANDBOX_WEBHOOK_URL here pointing at a web process's /webhooks/zalo); connect the OA once through
 * /oauth/zalo/start?key=OPERATOR_KEY on a web process, as with the real Zalo.
 */
import { ConfigError, loadConfig } from "../config.js";
import { buildSandboxServer, zaloEnvFor } from "./server.js";

async function main(): Promise<void> {
  // This process is only ever Zalo's stand-in (for tests and benchmarks), whatever NODE_ENV says: production's
  // rule that a server must have Zalo credentials is for the app, not for the stand-in itself.
  const config = loadConfig({ ...process.env, NODE_ENV: "development" });
  const { app, identity } = await buildSandboxServer(config);
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  const url = config.publicUrl ?? `http://127.0.0.1:${port}`;
  const env = Object.entries(zaloEnvFor(identity, url)).map(([k, v]) => `  ${k}=${v}`);
  console.log(
    `\n  Zalo sandbox listening on ${url}${config.sandboxSeed ? "" : " (no SANDBOX_SEED: secrets change at every start)"}.\n  Run the app against it with:\n${env.join("\n")}\n`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
