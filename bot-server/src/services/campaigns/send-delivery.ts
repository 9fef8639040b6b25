import { vietnamClock, vietnamTime } from "../../../../shared/lib/vietnam-time.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import { RunLaterError } from "../../jobs/queue.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import type { DeliveryRow } from "../../repositories/deliveries.js";
import { ZaloApiError } from "../../zalo/errors.js";
import { draftOf } from "./campaign-draft.js";
import { campaignMessages, promotionMessage } from "./campaign-message.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { quotaRanOut } from "./oa-quota.js";
import { costOf, type PlanSettings } from "./plan-campaign.js";

/** Vietnam time: promotion messages never go out between 22:00 and 06:00. */
export function nextMorning(now: Date): Date | null {
  const vn = vietnamClock(now);
  const h = vn.getUTCHours();
  if (h >= 6 && h < 22) return null;
  return vietnamTime(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate() + (h >= 22 ? 1 : 0), 6);
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
