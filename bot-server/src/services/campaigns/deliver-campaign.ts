import type { CampaignDraft } from "../../../../shared/schemas/campaign.js";
import { inCampaignArea, needsSecondApproval } from "../../../../shared/lib/campaign-rules.js";
import { vietnamClock, vietnamTime } from "../../../../shared/lib/vietnam-time.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import type { JobQueue } from "../../jobs/queue.js";
import { RunLaterError } from "../../jobs/queue.js";
import type { Clock } from "../../lib/clock.js";
import { AppError, badRequest, notFound } from "../../lib/errors.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import type { DeliveryRow } from "../../repositories/deliveries.js";
import type { Repositories } from "../../repositories/index.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient } from "../../zalo/oa-client.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { checkUnknownAudience } from "../followers/check-followers.js";
import { refineDatedInteractions } from "../followers/exact-interactions.js";
import { campaignMessages, promotionMessage } from "./campaign-message.js";
import { queueBatches } from "./deliver-batch.js";
import { quotaOut, quotaRanOut, readQuota } from "./oa-quota.js";
import { costOf, forEachAudiencePage, router, type PlanSettings } from "./plan-campaign.js";

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

/** What campaigns.content holds (validated by the draft schema when the campaign was written). */
export interface CampaignContent {
  text: string;
  imageUrl: string | null;
  buttons: CampaignDraft["buttons"];
}

export const contentOf = (json: string) => JSON.parse(json) as CampaignContent;

export function draftOf(row: CampaignRow): CampaignDraft {
  const content = contentOf(row.content);
  return {
    title: row.title,
    text: content.text,
    ...(content.imageUrl ? { imageUrl: content.imageUrl } : {}),
    buttons: content.buttons,
    areaCode: row.area_code,
    communes: JSON.parse(row.communes) as string[],
    topics: JSON.parse(row.topics) as string[],
    allowPaid: row.allow_paid === 1,
    budgetVnd: row.budget_vnd,
    usePromotion: row.use_promotion === 1,
  };
}

/** A campaign the actor may see: 404 when there is none, 403 (revealing nothing of it) when it is of another area. */
export async function campaignFor(deps: Pick<DeliveryDeps, "repos" | "areas">, actor: Actor, id: number): Promise<CampaignRow> {
  const row = await deps.repos.campaigns.findById(id);
  if (!row) throw notFound("campaign_not_found", "Không có chiến dịch này.");
  if (!actorCovers(actor, row.area_code, deps.areas)) throw forbidden("Chiến dịch này thuộc khu vực khác.");
  return row;
}

/** Whether a subscriber's place and topics put them in the campaign's audience (follow state aside). */
export function inAudience(c: CampaignDraft, r: { province_code: string | null; commune_code: string | null; topics: string }): boolean {
  return inCampaignArea(c, r.province_code, r.commune_code) && (JSON.parse(r.topics) as string[]).some((t) => c.topics.includes(t));
}

/** A campaign reaching a whole province, or many of its communes, needs a second official's approval before it goes. */
export const needsApproval = (row: CampaignRow) => needsSecondApproval({ areaCode: row.area_code, communes: JSON.parse(row.communes) as string[] });

async function release(deps: DeliveryDeps, row: CampaignRow, at: Date | null): Promise<void> {
  const delayMs = at ? Math.max(0, at.getTime() - deps.clock.now().getTime()) : 0;
  await deps.queue.add("campaign-plan", { campaignId: Number(row.id) }, { key: `campaign-plan:${row.id}`, delayMs });
}

/**
 * Send now or at a time. A campaign leaves the draft state once; a province-wide one waits for a second official's
 * approval first. From there a planning job (ids only) takes over, delayed to the chosen time.
 */
export async function startCampaign(deps: DeliveryDeps, actor: Actor, id: number, at: Date | null = null): Promise<CampaignRow["status"]> {
  const row = await campaignFor(deps, actor, id);
  const now = deps.clock.now();
  if (at && (at.getTime() < now.getTime() - 60_000 || at.getTime() > now.getTime() + 31 * 24 * 3600_000)) {
    throw badRequest("invalid_time", "Thời điểm gửi phải trong vòng 31 ngày tới.");
  }
  const next: CampaignRow["status"] = needsApproval(row) ? "awaiting_approval" : at && at > now ? "scheduled" : "sending";
  await deps.repos.transaction(async (repos) => {
    const patch = { status: next, sent_by: actor.id, sent_at: now.toISOString(), scheduled_at: at ? at.toISOString() : null, updated_at: now.toISOString() };
    if (!(await repos.campaigns.transition(id, ["draft"], patch))) throw new AppError(409, "campaign_not_draft", "Chiến dịch này đã được gửi hoặc đã hủy.");
    await repos.audit.append({ actor: actor.id, action: "campaign.send", target: `campaign:${id}`, area_code: row.area_code, before_state: JSON.stringify({ status: "draft" }), after_state: JSON.stringify({ status: next, scheduledAt: patch.scheduled_at }), at: now.toISOString() });
  });
  if (next !== "awaiting_approval") await release(deps, row, at);
  return next;
}

/** The second official's approval of a province-wide campaign: someone other than who wrote or sent it. */
export async function approveCampaign(deps: DeliveryDeps, actor: Actor, id: number): Promise<CampaignRow["status"]> {
  const row = await campaignFor(deps, actor, id);
  if (row.status !== "awaiting_approval") throw new AppError(409, "not_awaiting_approval", "Chiến dịch này không chờ phê duyệt.");
  if (actor.id === row.sent_by || actor.id === row.created_by) throw forbidden("Cần một cán bộ khác phê duyệt chiến dịch này.");
  const now = deps.clock.now();
  const at = row.scheduled_at ? new Date(row.scheduled_at) : null;
  const next = at && at > now ? "scheduled" : "sending";
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.campaigns.transition(id, ["awaiting_approval"], { status: next, approved_by: actor.id, approved_at: now.toISOString(), updated_at: now.toISOString() }))) {
      throw new AppError(409, "not_awaiting_approval", "Chiến dịch này không chờ phê duyệt.");
    }
    await repos.audit.append({ actor: actor.id, action: "campaign.approve", target: `campaign:${id}`, area_code: row.area_code, before_state: JSON.stringify({ status: "awaiting_approval" }), after_state: JSON.stringify({ status: next }), at: now.toISOString() });
  });
  await release(deps, row, at);
  return next;
}

/** Cancelling stops every delivery not yet under way. */
export async function cancelCampaign(deps: DeliveryDeps, actor: Actor, id: number): Promise<number> {
  const row = await campaignFor(deps, actor, id);
  const now = deps.clock.now().toISOString();
  return deps.repos.transaction(async (repos) => {
    if (!(await repos.campaigns.transition(id, ["draft", "awaiting_approval", "scheduled", "sending"], { status: "cancelled", updated_at: now }))) {
      throw new AppError(409, "campaign_finished", "Chiến dịch này đã kết thúc hoặc đã hủy.");
    }
    const stopped = await repos.deliveries.cancelOpen(id, now);
    await repos.audit.append({ actor: actor.id, action: "campaign.cancel", target: `campaign:${id}`, area_code: row.area_code, before_state: JSON.stringify({ status: row.status }), after_state: JSON.stringify({ status: "cancelled", stopped }), at: now });
    return stopped;
  });
}

/**
 * The planning job: one delivery row per follower in the audience (the unique key makes a re-run add nothing),
 * page by page; those to push are queued in batches (jobs carrying delivery ids), the rest wait in the inbox.
 */
export async function planDeliveries(deps: DeliveryDeps, campaignId: number): Promise<void> {
  const row = await deps.repos.campaigns.findById(campaignId);
  if (row?.status === "scheduled") await deps.repos.campaigns.transition(campaignId, ["scheduled"], { status: "sending", updated_at: deps.clock.now().toISOString() });
  else if (!row || row.status !== "sending") return;
  // Rows already there were written by an earlier run of this job that died (and were perhaps never queued).
  const earlier = await deps.repos.deliveries.maxId(campaignId);
  const draft = draftOf(row);
  // No one is called "unfollowed" for want of evidence: people of unknown follow state are asked about first.
  const checked = await checkUnknownAudience(deps, (r) => inAudience(draft, r));
  if (checked.checked) deps.log?.info({ campaignId, ...checked }, "checked with Zalo who follows before planning");
  if (deps.exactInteractions !== false) {
    const refined = await refineDatedInteractions(deps, (r) => inAudience(draft, r));
    if (refined.asked) deps.log?.info({ campaignId, ...refined }, "asked Zalo for exact last interactions before planning");
  }
  const messagesPerPerson = campaignMessages(draft, deps.lessonUrl).length;
  const quota = await readQuota({ ...deps, log: deps.log }, 0);
  const route = router(draft, deps.clock.now(), deps.costs, { messagesPerPerson, quotaRemaining: quota?.remain ?? null });
  await forEachAudiencePage(deps.repos.subscribers, deps.costs.pageSize ?? 2000, async (page) => {
    const now = deps.clock.now().toISOString();
    const rows = page.flatMap((sub) => {
      const { route: r, waitsForQuota } = route(sub);
      if (r === "outside_area" || r === "unfollowed" || r === "unsubscribed") return [];
      // Still unknown after asking Zalo (it did not answer): their news waits in the inbox.
      const kind = r === "unknown" ? ("inbox" as const) : r;
      const held = kind === "inbox";
      return [{ campaign_id: campaignId, user_id: sub.user_id, kind, state: held ? ("held" as const) : ("planned" as const), zalo_message_id: null, error_code: waitsForQuota ? -211 : null, planned_cost_vnd: costOf(kind, deps.costs, messagesPerPerson), created_at: now, updated_at: now }];
    });
    await queueBatches(deps, await deps.repos.deliveries.insertMany(rows));
  });
  // Queued again in case the earlier run died before queueing them; a row is sent once all the same (see claim).
  if (earlier) await queueBatches(deps, await deps.repos.deliveries.plannedIds(campaignId, earlier));
  // Every row is written: from now on the last delivery to settle finishes the campaign. With nothing to push
  // (everyone's news waits in their inbox, or no one is in the audience) it is done at once.
  await deps.repos.campaigns.markPlanned(campaignId, deps.clock.now().toISOString());
  await finishIfSettled(deps, campaignId);
}

/** Vietnam time: promotion messages never go out between 22:00 and 06:00. */
export function nextMorning(now: Date): Date | null {
  const vn = vietnamClock(now);
  const h = vn.getUTCHours();
  if (h >= 6 && h < 22) return null;
  return vietnamTime(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate() + (h >= 22 ? 1 : 0), 6);
}

/**
 * The delivery job for one row (retries, and promotion held until morning): send, then record sent / held (the
 * inbox) / failed; retryable errors go back to the queue. Once the row is settled, the campaign is done if it was
 * the last open one.
 */
export async function deliverOne(deps: DeliveryDeps, deliveryId: number): Promise<void> {
  const d = await deps.repos.deliveries.findById(deliveryId);
  if (!d) return;
  if (d.state !== "planned" && d.state !== "sending") return void (await finishIfSettled(deps, Number(d.campaign_id)));
  const campaign = await deps.repos.campaigns.findById(d.campaign_id);
  if (!campaign || campaign.status === "cancelled") {
    await deps.repos.deliveries.markCancelled(d.id, deps.clock.now().toISOString());
    return;
  }
  const unfollowed = (await deps.repos.subscribers.unfollowed([d.user_id])).has(d.user_id);
  if (await sendOne(deps, d, { campaign, ...messagesFor(deps, campaign), unfollowed, quota: { out: await quotaOut(deps) } })) await finishIfSettled(deps, Number(d.campaign_id));
}

/**
 * How long a row may stay "sending" before its sender is taken for dead: longer than any live send (the rate
 * limiter's wait plus two messages at a 10-second timeout each).
 */
export const STALE_SENDING_MS = 45_000;

export interface SendContext {
  campaign: CampaignRow;
  /** The campaign as Zalo gets it (the same for everyone): consultation messages, and the promotion message. */
  messages: OaMessage[];
  promotion: OaMessage;
  /** Known to have unfollowed the OA since planning. */
  unfollowed: boolean;
  /**
   * A recent refusal for quota or money (-211, -320, -321), shared by the sends of one batch (read once, set by the
   * first refusal): proactive and paid messages are then held without asking Zalo.
   */
  quota: { out: number | null };
}

export const messagesFor = (deps: Pick<DeliveryDeps, "lessonUrl">, campaign: CampaignRow) => {
  const draft = draftOf(campaign);
  return { messages: campaignMessages(draft, deps.lessonUrl), promotion: promotionMessage(draft, deps.lessonUrl) };
};

/** Kinds that draw on the OA's quota or money rather than the person's free replies. */
const PROACTIVE = new Set<DeliveryRow["kind"]>(["cs_quota", "cs_paid", "promotion"]);

/**
 * What a send cost, by how Zalo counted it: free replies and the package's quota cost nothing, bought messages the
 * paid price, promotions their price. When Zalo's answer does not say (its SDKs type no quota), planning's figure.
 */
export function actualCost(kind: DeliveryRow["kind"], quotaType: string | null, s: PlanSettings): number {
  if (kind === "promotion") return s.promotionMessageVnd;
  if (quotaType === null) return costOf(kind, s);
  return quotaType === "purchase_quota" ? s.paidMessageVnd : 0;
}

/**
 * Sends one open delivery row and records the outcome. True when the row is settled; false when it is not this
 * job's to settle (someone else took it). Retryable errors are thrown, the row planned again.
 */
export async function sendOne(deps: DeliveryDeps, d: DeliveryRow, ctx: SendContext): Promise<boolean> {
  const now = () => deps.clock.now().toISOString();
  if (d.kind === "promotion") {
    const morning = nextMorning(deps.clock.now());
    if (morning) throw new RunLaterError(morning);
  }
  // Unfollowed since planning: nothing is ever pushed to them.
  if (ctx.unfollowed) {
    await deps.repos.deliveries.markFailed(d.id, -213, now());
    return true;
  }
  // The quota ran out a moment ago: the rest waits in the inbox without another refusal from Zalo.
  if (ctx.quota.out !== null && PROACTIVE.has(d.kind)) {
    await deps.repos.deliveries.markHeld(d.id, ctx.quota.out, now());
    return true;
  }
  // Found "sending" for a while: the process that was sending it died before recording the outcome. It is sent
  // again (the campaign must complete) and counted, as the person may get it twice. Found "sending" lately: it is
  // someone else's now, or looked at again once it is stale.
  const staleBefore = deps.clock.now().getTime() - STALE_SENDING_MS;
  if (!(await deps.repos.deliveries.claim(d.id, now(), new Date(staleBefore).toISOString()))) {
    if (d.state === "sending" && Date.parse(d.updated_at) >= staleBefore) throw new RunLaterError(new Date(Date.parse(d.updated_at) + STALE_SENDING_MS + 1000));
    return false;
  }
  const kind = d.kind === "promotion" ? "promotion" : "cs";
  const messages = kind === "promotion" ? [ctx.promotion] : ctx.messages;
  let last = "";
  let cost = 0;
  const quotaTypes: string[] = [];
  try {
    for (const m of messages) {
      const r = await deps.oa.send(kind, d.user_id, m);
      last = r.messageId;
      cost += actualCost(d.kind, r.quotaType, deps.costs);
      quotaTypes.push(r.quotaType ?? "unreported");
      if (kind === "cs") await deps.repos.subscribers.countReplies(d.user_id, 1);
    }
  } catch (err) {
    if (!(err instanceof ZaloApiError)) throw err;
    if (err.errorClass === "unreachable") {
      await deps.repos.deliveries.markHeld(d.id, err.code, now());
      return true;
    }
    if (err.errorClass === "quota") {
      ctx.quota.out = err.code;
      await quotaRanOut({ ...deps, log: deps.log }, err.code);
      await deps.repos.deliveries.markHeld(d.id, err.code, now());
      return true;
    }
    if (err.errorClass === "permanent") {
      await deps.repos.deliveries.markFailed(d.id, err.code, now());
      return true;
    }
    await deps.repos.deliveries.markPlanned(d.id, err.code, now());
    throw err;
  }
  // The costliest way Zalo counted any of the messages stands for the delivery.
  const rank = ["unreported", "reply", "reward_quota", "sub_quota", "purchase_quota"];
  const quotaType = quotaTypes.reduce((a, b) => (rank.indexOf(b) > rank.indexOf(a) ? b : a), quotaTypes[0] ?? "unreported");
  await deps.repos.deliveries.markSent(d.id, last, cost, quotaType, now());
  return true;
}

/**
 * A delivery job that failed for the last time (the queue's onFailed): the row is failed, and the campaign done if
 * it was the last open one.
 */
export async function deliveryFailedForGood(deps: Pick<DeliveryDeps, "repos" | "clock">, deliveryId: number, errorCode: number): Promise<void> {
  await deps.repos.deliveries.markFailed(deliveryId, errorCode, deps.clock.now().toISOString());
  const d = await deps.repos.deliveries.findById(deliveryId);
  if (d) await finishIfSettled(deps, Number(d.campaign_id));
}

/** sending → done when planning has finished and no delivery is open; a no-op otherwise (cheap, see the repository). */
export function finishIfSettled(deps: Pick<DeliveryDeps, "repos" | "clock">, campaignId: number): Promise<boolean> {
  return deps.repos.campaigns.finishIfSettled(campaignId, deps.clock.now().toISOString());
}
