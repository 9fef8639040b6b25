import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import { systemClock, type Clock } from "../lib/clock.js";
import { errorHandler } from "../plugins/error-handler.js";
import { sandboxIdentity, type SandboxIdentity } from "./identity.js";
import { registerSandbox } from "./register.js";
import { startWorld } from "./start-world.js";
import { webhookDelivery } from "./webhook-delivery.js";
import type { SandboxWorld } from "./world.js";

/**
 * The pretend Zalo as a process of its own (npm run sandbox), for running several app processes against one
 * Zalo: web and worker processes are started in Zalo mode with the ids, secrets and URLs it prints.
 */
export async function buildSandboxServer(
  config: Config,
  clock: Clock = systemClock,
): Promise<{ app: FastifyInstance; identity: SandboxIdentity; world: SandboxWorld }> {
  const app = Fastify({ logger: config.logLevel === "silent" ? false : { level: config.logLevel }, bodyLimit: config.bodyLimit });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  const identity = sandboxIdentity(config.sandboxSeed);
  const world = startWorld(config, clock);
  const delivery = webhookDelivery({
    identity,
    url: config.sandboxWebhookUrl ?? null,
    retryScale: config.sandboxRetryScale,
    schedule: config.sandboxRetrySchedule,
    log: app.log,
  });
  await registerSandbox(app, { identity, clock, world, delivery });
  app.addHook("onClose", async () => delivery.stop());
  return { app, identity, world };
}

/** The environment an app process needs to treat this sandbox as Zalo. */
export function zaloEnvFor(identity: SandboxIdentity, sandboxUrl: string): Record<string, string> {
  return {
    ZALO_APP_ID: identity.appId,
    ZALO_APP_SECRET: identity.appSecret,
    ZALO_MINIAPP_ID: identity.miniappId,
    ZALO_OA_ID: identity.oaId,
    ZALO_OA_SECRET_KEY: identity.oaSecretKey,
    ZALO_GRAPH_URL: `${sandboxUrl}/sandbox/graph`,
    ZALO_OPENAPI_URL: `${sandboxUrl}/sandbox/openapi`,
    ZALO_OAUTH_URL: `${sandboxUrl}/sandbox/oauth`,
  };
}
