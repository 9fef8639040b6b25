import type { FastifyInstance } from "fastify";
import type { Clock } from "../lib/clock.js";
import { sandboxChatPage } from "./chat-page.js";
import type { SandboxIdentity } from "./identity.js";
import { sandboxLoadRoutes } from "./load-routes.js";
import { sandboxFollowerRoutes } from "./oa-follower-routes.js";
import { oaEvents } from "./oa-events.js";
import { sandboxOaRoutes } from "./oa-routes.js";
import { sandboxRoutes } from "./routes.js";
import type { WebhookDelivery } from "./webhook-delivery.js";
import type { SandboxWorld } from "./world.js";

export interface SandboxParts {
  identity: SandboxIdentity;
  clock: Clock;
  world: SandboxWorld;
  delivery: WebhookDelivery;
}

/** Every route of the pretend Zalo, mounted inside the server (sandbox mode) or on its own (npm run sandbox). */
export async function registerSandbox(app: FastifyInstance, p: SandboxParts): Promise<void> {
  await app.register(sandboxRoutes, { identity: p.identity, clock: p.clock, world: p.world });
  // The OpenAPI and OAuth stand-ins take form bodies too (OAuth's token endpoint is form-encoded; a body-less POST
  // through axios arrives as a form), in their own scope only: the app's API stays JSON-only.
  await app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    await scope.register(sandboxOaRoutes, { identity: p.identity, world: p.world, delivery: p.delivery, events: oaEvents(p.identity, () => p.world.now()) });
    await scope.register(sandboxFollowerRoutes, { world: p.world });
  });
  await app.register(sandboxLoadRoutes, { world: p.world });
  await app.register(sandboxChatPage);
}
