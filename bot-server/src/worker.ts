/**
 * npm run worker — scale-out mode: a process that runs the job workers (webhook events, campaign planning and
 * deliveries) against the same DATABASE_URL and REDIS_URL as the web processes, without serving HTTP.
 */
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, WORKERS: "on" });
  if (!config.redisUrl) console.warn("REDIS_URL is not set: this worker takes jobs from the database table (embedded mode).");
  const app = await buildApp(config);
  await app.ready();
  app.log.info({ database: app.database.where, redis: Boolean(config.redisUrl) }, "worker started");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
