import type { JobQueue } from "../../jobs/queue.js";
import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import type { OaClient } from "../../zalo/oa-client.js";
import type { Areas } from "../areas.js";
import type { PlanSettings } from "./plan-campaign.js";

/** What the campaign use cases and the delivery jobs work with. */
export interface DeliveryDeps {
  repos: Repositories;
  queue: JobQueue;
  oa: OaClient;
  areas: Areas;
  clock: Clock;
  costs: PlanSettings;
  lessonUrl(lessonId: string): string;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Ask Zalo's per-person quota (v3 quota/message) for exact last interactions (ZALO_USER_QUOTA_API); default on. */
  exactInteractions?: boolean;
}
