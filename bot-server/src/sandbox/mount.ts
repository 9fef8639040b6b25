import type { FastifyInstance } from "fastify";
import type { SandboxModeConfig } from "../config.js";
import { zaloClients, type ZaloClients } from "../plugins/zalo-clients.js";
import type { OaTokenKeeper } from "../services/oa-token-keeper.js";
import type { OAuthClient } from "../zalo/oauth-client.js";
import { connectSandboxOa } from "./connect-oa.js";
import { sandboxIdentity } from "./identity.js";
import { injectAdapter } from "./inject-adapter.js";
import { sandboxPlugin } from "./plugin.js";
import { startWorld } from "./start-world.js";
import { webhookDelivery } from "./webhook-delivery.js";

const BASE = "http://sandbox.local";

/**
 * Sandbox mode: mounts the pretend Zalo in this server and gives the Zalo clients, which reach it through their
 * real request code, answered in-process by app.inject.
 */
export async function mountSandbox(app: FastifyInstance, config: SandboxModeConfig): Promise<ZaloClients> {
  const identity = sandboxIdentity(config.sandboxSeed);
  const adapter = injectAdapter(app);
  const retries = { retryScale: config.sandboxRetryScale, schedule: config.sandboxRetrySchedule, log: app.log };
  const delivery = config.sandboxWebhookUrl
    ? webhookDelivery({ identity, url: config.sandboxWebhookUrl, ...retries })
    : webhookDelivery({ identity, url: `${BASE}/webhooks/zalo`, adapter, ...retries });
  await app.register(sandboxPlugin, { sandbox: { identity, world: startWorld(config, app.services.clock), delivery } });

  // The OA connects itself on first use, through the same OAuth flow an operator runs against Zalo. The pretend
  // Zalo starts empty in every process, so tokens stored by an earlier run mean nothing to it: connect anew.
  let connected: Promise<void> | null = null;
  const connect = (oauth: OAuthClient, tokens: OaTokenKeeper) =>
    (connected ??= connectSandboxOa(app, oauth, tokens).catch((err: unknown) => {
      connected = null;
      throw err;
    }));
  const zalo = zaloClients(app, config, {
    ids: identity,
    urls: { graph: `${BASE}/sandbox/graph`, openapi: `${BASE}/sandbox/openapi`, oauth: `${BASE}/sandbox/oauth` },
    adapter,
    tokenSource: (oauth, tokens) => ({
      accessToken: async () => {
        await connect(oauth, tokens);
        return tokens.accessToken();
      },
      refreshAfterRejection: (t) => tokens.refreshAfterRejection(t),
    }),
    webhookState: () => (delivery.state.disabled ? "disabled" : "ok"),
  });
  app.addHook("onReady", async () => {
    // Right away but not awaited: its OAuth flow goes through this very server. Only the connection: a token check
    // trailing behind it could race a test that moves the clock meanwhile.
    setImmediate(() => void connect(zalo.oauth, zalo.tokens).catch((err: unknown) => app.log.warn({ err }, "sandbox OA could not connect")));
  });
  return zalo;
}
