import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { seedDemoCommunePoints } from "./demo-points.js";
import type { SandboxIdentity } from "./identity.js";
import { registerSandbox } from "./register.js";
import type { WebhookDelivery } from "./webhook-delivery.js";
import type { SandboxWorld } from "./world.js";

/** The pretend Zalo mounted in this server: tests reach into it (faults, who received what). */
export interface MountedSandbox {
  identity: SandboxIdentity;
  world: SandboxWorld;
  delivery: WebhookDelivery;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Sandbox mode only. */
    sandbox?: MountedSandbox;
  }
}

/** Sandbox mode: the sandbox's routes in this server, and a few commune points so that "send a location" works. */
export const sandboxPlugin = fp(
  async (app: FastifyInstance, { sandbox }: { sandbox: MountedSandbox }) => {
    app.decorate("sandbox", sandbox);
    await registerSandbox(app, { ...sandbox, clock: app.services.clock });
    app.addHook("onReady", () => seedDemoCommunePoints(app.services.repos, app.services.clock));
    app.addHook("onClose", async () => sandbox.delivery.stop());
  },
  { name: "sandbox", dependencies: ["services"] },
);
