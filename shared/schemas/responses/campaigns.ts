import { z } from "zod";
import { campaignDraftSchema, campaignPlanSchema, campaignStatusSchema } from "../campaign.js";
import { oaMessageViewSchema } from "../oa.js";

/** POST /api/v1/admin/campaigns/preview: the messages a follower would receive, and the same news as a promotion. */
export const campaignPreviewSchema = z.object({ messages: z.array(oaMessageViewSchema), promotion: oaMessageViewSchema });

/** POST /api/v1/admin/campaigns: the draft saved. */
export const campaignCreatedSchema = z.object({ id: z.number(), status: z.literal("draft") });

/** GET /api/v1/admin/campaigns/:id: the campaign with its preview and its plan. */
export const campaignViewSchema = z.object({
  id: z.number(),
  status: campaignStatusSchema,
  draft: campaignDraftSchema,
  messages: z.array(oaMessageViewSchema),
  /** The same news as Zalo's promotion template (what goes to people a promotion reaches). */
  promotion: oaMessageViewSchema,
  plan: campaignPlanSchema,
});
export type CampaignView = z.infer<typeof campaignViewSchema>;

/** POST /api/v1/admin/campaigns/:id/send: a province-wide campaign waits for a second official's approval. */
export const campaignSentSchema = z.object({ status: z.enum(["awaiting_approval", "scheduled", "sending"]) });

/** POST /api/v1/admin/campaigns/:id/approve. */
export const campaignApprovedSchema = z.object({ status: z.enum(["scheduled", "sending"]) });

/** POST /api/v1/admin/campaigns/:id/cancel: how many deliveries not yet under way were stopped. */
export const campaignCancelledSchema = z.object({ status: z.literal("cancelled"), stopped: z.number() });
