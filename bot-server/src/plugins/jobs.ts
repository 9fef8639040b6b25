import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";
import { bullQueue } from "../jobs/bullmq-queue.js";
import { dbQueue } from "../jobs/db-queue.js";
import type { JobQueue } from "../jobs/queue.js";

declare module "fastify" {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/** The job queue: BullMQ on Redis in scale-out mode, a table of the database otherwise (the workers plugin runs it). */
export const jobsPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Pick<Config, "redisUrl" | "redisPrefix" | "zaloRateLimitPerMinute"> }) => {
    const { repos, clock } = app.services;
    const perMinute = config.zaloRateLimitPerMinute;
    const queue = config.redisUrl
      ? bullQueue({
          redisUrl: config.redisUrl,
          prefix: config.redisPrefix,
          log: app.log,
          limits: perMinute > 0 ? { delivery: { max: perMinute, durationMs: 60_000 } } : {},
        })
      : dbQueue({ repo: repos.jobs, clock, log: app.log });
    app.decorate("jobs", queue);
    app.addHook("onClose", () => queue.stop());
  },
  { name: "jobs", dependencies: ["services"] },
);
