import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../../services/areas.js";
import type { DeliveryDeps } from "../../services/campaigns/delivery-deps.js";
import type { CourseCatalog } from "../../services/course-catalog.js";
import type { FaqSearch } from "../../services/dialogue/faq-search.js";
import type { FollowerDeps } from "../../services/followers/import-followers.js";
import type { OaClient } from "../../zalo/oa-client.js";
import type { JobQueue, JobHandler, JobPayload, WorkerOptions } from "../queue.js";

/** What the job handlers are built from. */
export interface JobDeps {
  repos: Repositories;
  clock: Clock;
  catalog: CourseCatalog;
  faq: FaqSearch;
  areas: Areas;
  links: { lesson(lessonId: string): string; home(): string };
  oa: OaClient;
  queue: JobQueue;
  log: FastifyBaseLogger;
  config: Pick<Config, "campaignCosts" | "nearestCommuneKm" | "zaloTags" | "zaloUserQuotaApi" | "followerImportHours">;
}

/** A job's handler, with how many run at once in a process and what happens when one fails for the last time. */
export interface JobDefinition<P extends JobPayload> extends WorkerOptions<P> {
  run: JobHandler<P>;
  concurrency: number;
}

export const followerDeps = (d: JobDeps): FollowerDeps => ({ repos: d.repos, oa: d.oa, clock: d.clock, log: d.log });

export const deliveryDeps = (d: JobDeps): DeliveryDeps => ({
  repos: d.repos,
  queue: d.queue,
  oa: d.oa,
  areas: d.areas,
  clock: d.clock,
  costs: d.config.campaignCosts,
  lessonUrl: d.links.lesson,
  log: d.log,
  exactInteractions: d.config.zaloUserQuotaApi,
});
