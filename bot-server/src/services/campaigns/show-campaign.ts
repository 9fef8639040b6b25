import type { CampaignDraft, CampaignPlan } from "../../../../shared/schemas/campaign.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import type { CampaignRow } from "../../repositories/campaigns.js";
import type { Actor } from "../admin/access.js";
import { campaignMessages, promotionMessage } from "./campaign-message.js";
import { draftOf } from "./campaign-draft.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { campaignFor } from "./find-campaign.js";
import { readQuota } from "./oa-quota.js";
import { planCampaign } from "./plan-campaign.js";

export interface CampaignView {
  id: number;
  status: CampaignRow["status"];
  draft: CampaignDraft;
  messages: OaMessage[];
  promotion: OaMessage;
  plan: CampaignPlan;
}

/** A campaign of the actor's area with its preview and the plan it would have now, against the OA's quota. */
export async function showCampaign(
  deps: Pick<DeliveryDeps, "repos" | "areas" | "oa" | "clock" | "costs" | "lessonUrl" | "log">,
  actor: Actor,
  id: number,
): Promise<CampaignView> {
  const row = await campaignFor(deps, actor, id);
  const draft = draftOf(row);
  const messages = campaignMessages(draft, deps.lessonUrl);
  const quota = await readQuota(deps);
  const plan = await planCampaign(deps.repos.subscribers, draft, deps.clock.now(), deps.costs, {
    messagesPerPerson: messages.length,
    quotaRemaining: quota?.remain ?? null,
  });
  return { id: Number(row.id), status: row.status, draft, messages, promotion: promotionMessage(draft, deps.lessonUrl), plan };
}
