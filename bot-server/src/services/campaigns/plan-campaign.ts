import type { CampaignDraft, CampaignPlan } from "../../../../shared/schemas/campaign.js";
import type { SubscriberRepository } from "../../repositories/subscribers.js";

export interface PlanSettings {
  /** Zalo bills consultation messages sent 48 hours to 7 days after the person's last interaction. */
  paidMessageVnd: number;
  promotionMessageVnd: number;
  /** Whether the OA may send promotion messages (verified, with a package and Zalo Cloud balance). */
  promotionEligible: boolean;
  pageSize?: number;
}

export type Audience = Awaited<ReturnType<SubscriberRepository["page"]>>[number];
export type Route = "cs" | "cs_paid" | "promotion" | "inbox" | "unfollowed" | "unsubscribed" | "outside_area";

const HOUR = 3600_000;

/**
 * How one person gets a campaign, within Zalo's rules: a free consultation message within 48 hours of their last
 * interaction; 48 hours–7 days only when paid messages are allowed and the budget lasts; promotion when the OA is
 * eligible and the campaign uses it; else the inbox. Unfollowed, unsubscribed and outside the area get nothing.
 */
export function router(c: CampaignDraft, now: Date, s: PlanSettings) {
  const communes = new Set(c.communes);
  const topics = new Set(c.topics);
  const maxPaid = s.paidMessageVnd > 0 ? Math.floor(c.budgetVnd / s.paidMessageVnd) : Number.MAX_SAFE_INTEGER;
  let paid = 0;
  return (sub: Audience): Route => {
    const inArea = communes.size ? sub.commune_code !== null && communes.has(sub.commune_code) : c.areaCode.length === 2 ? sub.province_code === c.areaCode : sub.commune_code === c.areaCode;
    if (!inArea) return "outside_area";
    if (!sub.following) return "unfollowed";
    if (!sub.news_enabled || !(JSON.parse(sub.topics) as string[]).some((t) => topics.has(t))) return "unsubscribed";
    const since = sub.last_interaction_at ? now.getTime() - Date.parse(sub.last_interaction_at) : Infinity;
    if (since <= 48 * HOUR) return "cs";
    if (since <= 7 * 24 * HOUR && c.allowPaid && paid < maxPaid) {
      paid++;
      return "cs_paid";
    }
    if (c.usePromotion && s.promotionEligible) return "promotion";
    return "inbox";
  };
}

/** Walks the whole audience page by page (keyset pagination): never more than one page in memory. */
export async function forEachAudiencePage(subscribers: Pick<SubscriberRepository, "page">, pageSize: number, fn: (page: Audience[]) => Promise<void> | void): Promise<void> {
  let after = "";
  for (;;) {
    const page = await subscribers.page(after, pageSize);
    if (page.length === 0) return;
    after = page[page.length - 1]!.user_id;
    await fn(page);
  }
}

export const costOf = (route: Route, s: PlanSettings) => (route === "cs_paid" ? s.paidMessageVnd : route === "promotion" ? s.promotionMessageVnd : 0);

/** The counts shown before sending. */
export async function planCampaign(subscribers: Pick<SubscriberRepository, "page">, c: CampaignDraft, now: Date, s: PlanSettings): Promise<CampaignPlan> {
  const plan: CampaignPlan = { free: 0, paid: 0, promotion: 0, inbox: 0, excluded: { unfollowed: 0, unsubscribed: 0, outsideArea: 0 }, estimatedCostVnd: 0 };
  const route = router(c, now, s);
  await forEachAudiencePage(subscribers, s.pageSize ?? 5000, (page) => {
    for (const sub of page) {
      const r = route(sub);
      plan.estimatedCostVnd += costOf(r, s);
      if (r === "cs") plan.free++;
      else if (r === "cs_paid") plan.paid++;
      else if (r === "promotion") plan.promotion++;
      else if (r === "inbox") plan.inbox++;
      else if (r === "unfollowed") plan.excluded.unfollowed++;
      else if (r === "unsubscribed") plan.excluded.unsubscribed++;
      else plan.excluded.outsideArea++;
    }
  });
  return plan;
}
