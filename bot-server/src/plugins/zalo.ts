import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config, ZaloModeConfig } from "../config.js";
import { zaloClients, type ZaloClients } from "./zalo-clients.js";

declare module "fastify" {
  interface FastifyInstance {
    zalo: ZaloClients;
  }
}

/**
 * The Zalo clients, reaching Zalo with credentials and the sandbox without. The sandbox is imported here and only
 * here, in sandbox mode: a server in Zalo mode loads none of its code.
 */
export const zaloPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const zalo = config.mode === "zalo" ? reachZalo(app, config) : await (await import("../sandbox/mount.js")).mountSandbox(app, config);
    app.decorate("zalo", zalo);
    let refreshTimer: ReturnType<typeof setInterval> | null = null;
    app.addHook("onReady", async () => {
      refreshTimer = setInterval(() => void zalo.tokens.accessToken().catch((err: unknown) => app.log.warn({ err }, "OA token check failed")), 5 * 60_000);
      refreshTimer.unref();
    });
    app.addHook("onClose", async () => {
      if (refreshTimer) clearInterval(refreshTimer);
    });
  },
  { name: "zalo", dependencies: ["services"] },
);

function reachZalo(app: FastifyInstance, config: ZaloModeConfig): ZaloClients {
  const z = config.zalo;
  const zalo = zaloClients(app, config, { ids: z, urls: { graph: z.graphUrl, openapi: z.openapiUrl, oauth: z.oauthUrl } });
  const { initialAccessToken: accessToken, initialRefreshToken: refreshToken } = z;
  if (accessToken && refreshToken) {
    // First start with tokens from the environment; from then on the database holds the current pair.
    app.addHook("onReady", () => zalo.tokens.seed({ accessToken, refreshToken, expiresInSeconds: 3600 }, "env"));
  }
  return zalo;
}
