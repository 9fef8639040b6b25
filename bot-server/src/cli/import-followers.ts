import { buildApp } from "../app.js";
import type { Config } from "../config.js";
import { importFollowers } from "../services/followers/import-followers.js";

/**
 * npm run admin -- import-followers: the follower import, run by hand against the configured Zalo (the OA must be
 * connected) or, without credentials, against a sandbox (with SANDBOX_SEED: its followers from before the server).
 * The server itself is built but not listening and runs no workers.
 */
export async function importFollowersByHand(config: Config): Promise<number> {
  const app = await buildApp({ ...config, runWorkers: false, followerImportHours: 0, logLevel: "warn" });
  try {
    await app.ready();
    const connection = await app.zalo.tokens.connection().catch(() => ({ status: "degraded" as const }));
    if (config.mode === "zalo" && connection.status !== "ok") {
      console.error("oa_not_connected: connect the OA first (/oauth/zalo/start?key=<OPERATOR_KEY>)");
      return 1;
    }
    const log = {
      info: (o: object, msg: string) => console.log(`${msg} ${JSON.stringify(o)}`),
      warn: (o: object, msg: string) => console.warn(`warning: ${msg} ${JSON.stringify(o)}`),
    };
    const r = await importFollowers({ repos: app.services.repos, oa: app.zalo.oa, clock: app.services.clock, log });
    console.log(`followers imported: ${r.followers} (user/detail asked for ${r.detailed}; not reachable through Zalo's lists: ${r.unreachable})`);
    return 0;
  } finally {
    await app.close();
  }
}
