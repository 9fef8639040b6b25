/**
 * A separate process holding its own OA token keeper, for tests of several processes sharing one database.
 * Run with `node --import tsx tests/helpers/oa-token-worker.ts`, configured by the OA_TOKEN_WORKER environment
 * variable (JSON, see WorkerConfig). It connects, prints "ready", waits for a line on stdin, then asks its keeper
 * for the access token (or forces a refresh), prints one JSON line {ok, token | error} and exits.
 */
import { createInterface } from "node:readline";
import { connect } from "../../bot-server/src/db/connect.js";
import { systemClock } from "../../bot-server/src/lib/clock.js";
import { repositories } from "../../bot-server/src/repositories/index.js";
import { oaTokenKeeper } from "../../bot-server/src/services/oa-token-keeper.js";
import { oauthClient } from "../../bot-server/src/zalo/oauth-client.js";
import { silentLogger } from "./logger.js";

export interface WorkerConfig {
  databaseUrl: string;
  schema?: string;
  oauthUrl: string;
  appId: string;
  appSecret: string;
  oaId: string;
  call: "accessToken" | "refresh";
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.OA_TOKEN_WORKER ?? "") as WorkerConfig;
  const db = connect(cfg.databaseUrl, cfg.schema ? { schema: cfg.schema, poolSize: 2 } : {});
  const repos = repositories(db.db, db.dialect);
  const keeper = oaTokenKeeper({
    oaId: cfg.oaId,
    tokens: repos.tokens,
    locks: repos.locks,
    oauth: oauthClient({ baseUrl: cfg.oauthUrl, appId: cfg.appId, appSecret: cfg.appSecret }),
    clock: systemClock,
    log: silentLogger(),
  });
  await repos.tokens.find(cfg.oaId); // the connection is open before the start signal
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.once("line", () => resolve()));
  process.stdout.write("ready\n");
  await go;
  let out: Record<string, unknown>;
  try {
    out = { ok: true, token: await keeper[cfg.call]() };
  } catch (err) {
    out = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  lines.close();
  await db.close();
}

if (process.env.OA_TOKEN_WORKER) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
