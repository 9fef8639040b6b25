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

const HOUR = 3600_000;

/**
 * Counts who would get the campaign and how, within Zalo's rules: a free consultation message within 48 hours of
 * the person's last interaction; 48 hours–7 days only when paid messages are allowed and the budget lasts;
 * promotion when the OA is eligible and the campaign uses it; everyone else finds it in their inbox. Streams the
 * audience page by page.
 */
export async function planCampaign(subscribers: Pick<SubscriberRepository, "page">, c: CampaignDraft, now: Date, s: PlanSettings): Promise<CampaignPlan> {
  const plan: CampaignPlan = { free: 0, paid: 0, promotion: 0, inbox: 0, excluded: { unfollowed: 0, unsubscribed: 0, outsideArea: 0 }, estimatedCostVnd: 0 };
  const communes = new Set(c.communes);
  const topics = new Set(c.topics);
  const maxPaid = s.paidMessageVnd > 0 ? Math.floor(c.budgetVnd / s.paidMessageVnd) : Number.MAX_SAFE_INTEGER;
  const inArea = (p: string | null, co: string | null) =>
    communes.size ? co !== null && communes.has(co) : c.areaCode.length === 2 ? p === c.areaCode : co === c.areaCode;

  let after = "";
  for (;;) {
    const page = await subscribers.page(after, s.pageSize ?? 5000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.user_id;
    for (const sub of page) {
      if (!inArea(sub.province_code, sub.commune_code)) plan.excluded.outsideArea++;
      else if (!sub.following) plan.excluded.unfollowed++;
      else if (!sub.news_enabled || !(JSON.parse(sub.topics) as string[]).some((t) => topics.has(t))) plan.excluded.unsubscribed++;
      else {
        const since = sub.last_interaction_at ? now.getTime() - Date.parse(sub.last_interaction_at) : Infinity;
        if (since <= 48 * HOUR) plan.free++;
        else if (since <= 7 * 24 * HOUR && c.allowPaid && plan.paid < maxPaid) plan.paid++;
        else if (c.usePromotion && s.promotionEligible) plan.promotion++;
        else plan.inbox++;
      }
    }
  }
  plan.estimatedCostVnd = plan.paid * s.paidMessageVnd + plan.promotion * s.promotionMessageVnd;
  return plan;
}
