import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";
import { jobHandlers, processJobs } from "../jobs/handlers/index.js";
import type { JobDeps } from "../jobs/handlers/job-deps.js";

/** Every job's handler on the queue; the queue starts taking jobs once the server is ready, if this process runs workers. */
export const workersPlugin = fp(
  async (app: FastifyInstance, { config }: { config: JobDeps["config"] & Pick<Config, "runWorkers"> }) => {
    const { repos, clock, catalog, faq, areas } = app.services;
    processJobs(app.jobs, jobHandlers({ repos, clock, catalog, faq, areas, links: app.links, oa: app.zalo.oa, queue: app.jobs, log: app.log, config }));
    if (config.runWorkers) app.addHook("onReady", async () => app.jobs.start());
  },
  { name: "workers", dependencies: ["services", "zalo", "links", "jobs"] },
);
