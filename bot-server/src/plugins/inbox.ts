import type { Insertable } from "kysely";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";
import type { WebhookInboxTable } from "../db/schema.js";
import { inboxWriter } from "../services/inbox/inbox-writer.js";
import { pruneInbox } from "../services/inbox/prune-inbox.js";
import { requeueStranded } from "../services/inbox/requeue-stranded.js";

/** The webhook inbox: events are stored (group commit) and queued; old ones are pruned. */
export interface Inbox {
  /** Resolves with the new event's id once it is stored and queued, or null when it was already there. */
  store(row: Insertable<WebhookInboxTable>): Promise<number | null>;
  /** Deletes processed events past their retention (hourly; tests call it); how many went. */
  prune(): Promise<number>;
}

declare module "fastify" {
  interface FastifyInstance {
    inbox: Inbox;
  }
}

export const inboxPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Pick<Config, "webhookInboxRetentionDays"> }) => {
    const deps = { repos: app.services.repos, clock: app.services.clock, queue: app.jobs, log: app.log };
    const writer = inboxWriter(deps.repos, deps.queue);
    const prune = () => pruneInbox(deps, config.webhookInboxRetentionDays);
    app.decorate("inbox", { store: (row) => writer.store(row), prune } satisfies Inbox);

    const timers: ReturnType<typeof setInterval>[] = [];
    app.addHook("onReady", async () => {
      await requeueStranded(deps);
      timers.push(setInterval(() => void requeueStranded(deps).catch((err: unknown) => app.log.error({ err }, "inbox sweep failed")), 30_000));
      timers.push(setInterval(() => void prune().catch((err: unknown) => app.log.error({ err }, "inbox pruning failed")), 3600_000));
      for (const t of timers) t.unref();
    });
    app.addHook("onClose", async () => timers.forEach(clearInterval));
  },
  { name: "inbox", dependencies: ["services", "jobs"] },
);
