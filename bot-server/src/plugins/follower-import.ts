import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";
import { scheduleFollowerImport } from "../services/followers/schedule-import.js";

/** The import of the OA's followers from Zalo. */
export interface FollowerImport {
  /** Queues the import for this period (at start, on schedule, and once the OA is connected). */
  schedule(): Promise<void>;
}

declare module "fastify" {
  interface FastifyInstance {
    followerImport: FollowerImport;
  }
}

export const followerImportPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Pick<Config, "mode" | "followerImportHours"> }) => {
    const deps = { queue: app.jobs, tokens: app.zalo.tokens, clock: app.services.clock, log: app.log };
    const options = { everyHours: config.followerImportHours, waitForConnection: config.mode === "zalo" };
    const schedule = () => scheduleFollowerImport(deps, options);
    app.decorate("followerImport", { schedule } satisfies FollowerImport);

    const scheduleOrWarn = () => schedule().catch((err: unknown) => app.log.warn({ err }, "could not schedule the follower import"));
    let timer: ReturnType<typeof setInterval> | null = null;
    app.addHook("onReady", async () => {
      // At start once the OA is connected, then every quarter of an hour: the job's key keeps it to one per period.
      await scheduleOrWarn();
      timer = setInterval(() => void scheduleOrWarn(), 15 * 60_000);
      timer.unref();
    });
    app.addHook("onClose", async () => {
      if (timer) clearInterval(timer);
    });
  },
  { name: "follower-import", dependencies: ["services", "zalo", "jobs"] },
);
