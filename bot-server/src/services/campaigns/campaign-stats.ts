import type { CampaignStats } from "../../../../shared/schemas/campaign.js";
import { csvRows } from "../../lib/csv.js";
import type { Repositories } from "../../repositories/index.js";
import type { Actor } from "../admin/access.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { campaignFor } from "./find-campaign.js";
import { finishIfSettled } from "./settle-campaign.js";

/** The numbers of a campaign, from its delivery rows and Zalo's receipts; the CSV export uses the same. */
const QUOTA_CODES = new Set([-211, -320, -321]);

export async function campaignStats(repos: Repositories, campaignId: number): Promise<CampaignStats> {
  const s: CampaignStats = {
    planned: 0,
    sending: 0,
    sent: 0,
    held: 0,
    readInApp: 0,
    cancelled: 0,
    failed: 0,
    failedByCode: {},
    received: 0,
    seen: 0,
    costVnd: 0,
    plannedCostVnd: 0,
    byQuotaType: {},
    heldForQuota: 0,
    inFlightAtCrash: await repos.deliveries.inFlightAtCrash(campaignId),
    done: false,
  };
  for (const r of await repos.deliveries.countsByState(campaignId)) {
    const n = Number(r.n);
    s[r.state === "read" ? "readInApp" : r.state] += n;
    s.costVnd += Number(r.cost ?? 0);
    s.plannedCostVnd += Number(r.planned ?? 0);
    if (r.state === "sent" && r.quota_type) s.byQuotaType[r.quota_type] = (s.byQuotaType[r.quota_type] ?? 0) + n;
    if ((r.state === "held" || r.state === "read") && r.error_code !== null && QUOTA_CODES.has(Number(r.error_code))) s.heldForQuota += n;
    if (r.state === "failed") s.failedByCode[String(r.error_code)] = (s.failedByCode[String(r.error_code)] ?? 0) + n;
  }
  for (const r of await repos.deliveries.receipts(campaignId)) {
    if (r.event === "received") s.received = Number(r.n);
    if (r.event === "seen") s.seen = Number(r.n);
  }
  s.done = s.planned === 0 && s.sending === 0;
  return s;
}

/**
 * The statistics an official asks for. Reading them also finishes a campaign whose last delivery was settled
 * where the delivery job could not finish it (a job that failed for good is marked by the queue's onFailed).
 */
export async function statsOfCampaign(deps: Pick<DeliveryDeps, "repos" | "areas" | "clock">, actor: Actor, campaignId: number): Promise<CampaignStats> {
  const row = await campaignFor(deps, actor, campaignId);
  const stats = await campaignStats(deps.repos, campaignId);
  if (stats.done && row.status === "sending") await finishIfSettled(deps, campaignId);
  return stats;
}

export function statsCsv(s: CampaignStats): string {
  const rows: [string, number][] = [
    ["planned", s.planned],
    ["sending", s.sending],
    ["sent", s.sent],
    ["held_in_inbox", s.held],
    ["read_in_app", s.readInApp],
    ["cancelled", s.cancelled],
    ["failed", s.failed],
    ...Object.entries(s.failedByCode).map(([code, n]): [string, number] => [`failed_${code}`, n]),
    ["received", s.received],
    ["seen", s.seen],
    ["held_for_quota", s.heldForQuota],
    ...Object.entries(s.byQuotaType).map(([t, n]): [string, number] => [`sent_${t}`, n]),
    ["planned_cost_vnd", s.plannedCostVnd],
    ["cost_vnd", s.costVnd],
    ["in_flight_at_crash", s.inFlightAtCrash],
  ];
  return csvRows([["metric", "value"], ...rows]);
}
