import { inCampaignArea } from "../../../../shared/lib/campaign-rules.js";
import type { CampaignDraft, CampaignPlan } from "../../../../shared/schemas/campaign.js";
import type { SubscriberRepository } from "../../repositories/subscribers.js";

export interface PlanSettings {
  /** What a proactive consultation message bought with Zalo Cloud money costs (Zalo: about 55 VND). */
  paidMessageVnd: number;
  promotionMessageVnd: number;
  /** Whether the OA may send promotion messages (verified, with a package and Zalo Cloud balance). */
  promotionEligible: boolean;
  /** Zalo's free consultation replies per 48 h window after a person's last interaction (0: no cap). */
  freeRepliesPerWindow: number;
  pageSize?: number;
}

export type Audience = Awaited<ReturnType<SubscriberRepository["page"]>>[number];
export type Route = "cs" | "cs_quota" | "cs_paid" | "promotion" | "inbox" | "unknown" | "unfollowed" | "unsubscribed" | "outside_area";

const HOUR = 3600_000;

export interface RouteContext {
  /** Messages one person gets for this campaign (the image is a message of its own): each counts against the window. */
  messagesPerPerson: number;
  /** Proactive messages left in the OA's quota (Zalo's quota/message), null when it could not be read (taken as none). */
  quotaRemaining: number | null;
}

/** Free replies already used in the person's current window: those counted since their last interaction. */
export function repliesUsed(sub: Pick<Audience, "window_anchor" | "window_replies" | "last_interaction_at">): number {
  return sub.window_anchor !== null && sub.window_anchor === sub.last_interaction_at ? Number(sub.window_replies) : 0;
}

/** Known not to follow: Zalo told us (an unfollow event, getlist or user/detail). No evidence is not "unfollowed". */
export const knownUnfollowed = (sub: Pick<Audience, "following" | "follow_checked_at">) => !sub.following && sub.follow_checked_at !== null;

type Place = Pick<Audience, "province_code" | "commune_code">;

/** Whether a person lives where the campaign goes: in one of its communes when it names some, else in its area. */
function areaTest(c: CampaignDraft): (sub: Place) => boolean {
  const area = { areaCode: c.areaCode, communes: new Set(c.communes) };
  return (sub) => inCampaignArea(area, sub.province_code, sub.commune_code);
}

/** Whether a subscriber's place and topics put them in the campaign's audience (follow state aside). */
export function audienceTest(c: CampaignDraft): (sub: Place & Pick<Audience, "topics">) => boolean {
  const inArea = areaTest(c);
  return (sub) => inArea(sub) && sub.topics.some((t) => c.topics.includes(t));
}

/**
 * Which consultation messages Zalo allows to one person now (../shared/zalo-platform.md, "When a message may be
 * sent"): free replies within 48 hours of their last interaction while the window's free replies last for `n`
 * messages; proactive ones (the OA's quota, or paid) up to 7 days; none after that.
 */
export function windowOf(
  sub: Pick<Audience, "last_interaction_at" | "interaction_is_date" | "window_anchor" | "window_replies">,
  now: Date,
  s: Pick<PlanSettings, "freeRepliesPerWindow">,
  n: number,
): "free" | "proactive" | "closed" {
  const since = sub.last_interaction_at ? now.getTime() - Date.parse(sub.last_interaction_at) : Infinity;
  // A date from Zalo (the start of that day is kept): the person may have written until its end. Within 7 days
  // of that end they may be messaged (Zalo refusing -230 costs nothing: the news waits in the inbox); the free
  // 48 h are counted from its start, so free replies are never promised that Zalo would bill.
  const since7 = sub.interaction_is_date ? since - 24 * HOUR : since;
  if (since7 > 7 * 24 * HOUR) return "closed";
  const freeLeft = s.freeRepliesPerWindow === 0 ? Infinity : s.freeRepliesPerWindow - repliesUsed(sub);
  return since <= 48 * HOUR && freeLeft >= n ? "free" : "proactive";
}

/**
 * How one person gets a campaign, within Zalo's rules (../shared/zalo-platform.md, "When a message may be sent"):
 * within 48 hours of their last interaction and within the free replies left in that window, a free consultation
 * message; otherwise, up to 7 days, a proactive one — from the OA's quota while it lasts, then billed when paid
 * messages are allowed and the budget lasts; a promotion when the OA is eligible and the campaign uses it; else the
 * inbox. `waitsForQuota` is set when a person could have been reached but the quota and budget ran out.
 */
export function router(c: CampaignDraft, now: Date, s: PlanSettings, ctx: RouteContext) {
  const inArea = areaTest(c);
  const topics = new Set(c.topics);
  const n = ctx.messagesPerPerson;
  const maxPaid = s.paidMessageVnd > 0 ? Math.floor(c.budgetVnd / (s.paidMessageVnd * n)) : Number.MAX_SAFE_INTEGER;
  let paid = 0;
  let quota = ctx.quotaRemaining ?? 0;
  const route = (sub: Audience): { route: Route; waitsForQuota: boolean } => {
    if (!inArea(sub)) return { route: "outside_area", waitsForQuota: false };
    if (knownUnfollowed(sub)) return { route: "unfollowed", waitsForQuota: false };
    if (!sub.news_enabled || !sub.topics.some((t) => topics.has(t))) return { route: "unsubscribed", waitsForQuota: false };
    if (!sub.following) return { route: "unknown", waitsForQuota: false };
    const window = windowOf(sub, now, s, n);
    let waits = false;
    if (window !== "closed") {
      if (window === "free") return { route: "cs", waitsForQuota: false };
      // Perhaps still free (Zalo's date leaves the hour open) is taken from the quota all the same: a message
      // that turns out proactive beyond the quota would be bought with Zalo Cloud money the campaign did not allow.
      if (quota >= n) {
        quota -= n;
        return { route: "cs_quota", waitsForQuota: false };
      }
      if (c.allowPaid && paid < maxPaid) {
        paid++;
        return { route: "cs_paid", waitsForQuota: false };
      }
      waits = true;
    }
    if (c.usePromotion && s.promotionEligible) return { route: "promotion", waitsForQuota: false };
    return { route: "inbox", waitsForQuota: waits };
  };
  return route;
}

/** Walks the whole audience page by page (keyset pagination): never more than one page in memory. */
export async function forEachAudiencePage(
  subscribers: Pick<SubscriberRepository, "page">,
  pageSize: number,
  fn: (page: Audience[]) => Promise<void> | void,
): Promise<void> {
  let after = "";
  for (;;) {
    const page = await subscribers.page(after, pageSize);
    if (page.length === 0) return;
    after = page[page.length - 1]!.user_id;
    await fn(page);
  }
}

/** What planning expects one delivery to cost (VND): billed messages and promotions; free replies and quota cost nothing. */
export const costOf = (route: Route, s: PlanSettings, messages = 1) =>
  route === "cs_paid" ? s.paidMessageVnd * messages : route === "promotion" ? s.promotionMessageVnd : 0;

/** The counts shown before sending. People whose follow state is unknown are checked with Zalo when the campaign is planned. */
export async function planCampaign(
  subscribers: Pick<SubscriberRepository, "page">,
  c: CampaignDraft,
  now: Date,
  s: PlanSettings,
  ctx: RouteContext,
): Promise<CampaignPlan> {
  const plan: CampaignPlan = {
    free: 0,
    quota: 0,
    paid: 0,
    promotion: 0,
    inbox: 0,
    waitingForQuota: 0,
    unknown: 0,
    excluded: { unfollowed: 0, unsubscribed: 0, outsideArea: 0 },
    estimatedCostVnd: 0,
    messagesPerPerson: ctx.messagesPerPerson,
    quotaRemaining: ctx.quotaRemaining,
  };
  const route = router(c, now, s, ctx);
  await forEachAudiencePage(subscribers, s.pageSize ?? 5000, (page) => {
    for (const sub of page) {
      const { route: r, waitsForQuota } = route(sub);
      plan.estimatedCostVnd += costOf(r, s, ctx.messagesPerPerson);
      if (waitsForQuota) plan.waitingForQuota++;
      if (r === "cs") plan.free++;
      else if (r === "cs_quota") plan.quota++;
      else if (r === "cs_paid") plan.paid++;
      else if (r === "promotion") plan.promotion++;
      else if (r === "inbox") plan.inbox++;
      else if (r === "unknown") plan.unknown++;
      else if (r === "unfollowed") plan.excluded.unfollowed++;
      else if (r === "unsubscribed") plan.excluded.unsubscribed++;
      else plan.excluded.outsideArea++;
    }
  });
  return plan;
}
