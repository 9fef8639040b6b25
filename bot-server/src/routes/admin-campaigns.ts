import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { campaignDraftSchema, campaignListQuerySchema, campaignListSchema, campaignStatsSchema, type CampaignDraft } from "../../../shared/schemas/campaign.js";
import { campaignApprovedSchema, campaignCancelledSchema, campaignCreatedSchema, campaignPreviewSchema, campaignSentSchema, campaignViewSchema } from "../../../shared/schemas/responses/campaigns.js";
import { csvSchema } from "../../../shared/schemas/responses/files.js";
import { statsCsv, statsOfCampaign } from "../services/campaigns/campaign-stats.js";
import { approveCampaign } from "../services/campaigns/approve-campaign.js";
import { draftOf } from "../services/campaigns/campaign-draft.js";
import { cancelCampaign } from "../services/campaigns/cancel-campaign.js";
import { campaignFor } from "../services/campaigns/find-campaign.js";
import { startCampaign } from "../services/campaigns/start-campaign.js";
import { campaignMessages, promotionMessage } from "../services/campaigns/campaign-message.js";
import { checkCampaign, createCampaign } from "../services/campaigns/create-campaign.js";
import { listCampaigns } from "../services/campaigns/list-campaigns.js";
import { planCampaign, type PlanSettings } from "../services/campaigns/plan-campaign.js";
import { readQuota } from "../services/campaigns/oa-quota.js";
import { requireActor } from "./authenticate.js";

/** Campaigns: compose (validated), preview exactly as Zalo will show it, plan, send, cancel, statistics. */
export async function adminCampaignRoutes(app: FastifyInstance, opts: { costs: PlanSettings }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 60, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  const deps = () => ({ repos: app.services.repos, areas: app.oa.areas, catalog: app.services.catalog, clock: app.services.clock });
  const messages = (c: CampaignDraft) => campaignMessages(c, app.oa.links.lesson);

  r.post(
    "/api/v1/admin/campaigns/preview",
    { config, schema: { tags, security, summary: "The messages a follower would receive", body: campaignDraftSchema, response: { 200: campaignPreviewSchema, ...errors } } },
    async (req) => {
      checkCampaign(deps(), await requireActor(req), req.body);
      return { messages: messages(req.body), promotion: promotionMessage(req.body, app.oa.links.lesson) };
    },
  );

  r.post(
    "/api/v1/admin/campaigns",
    { config, schema: { tags, security, summary: "Save a draft campaign", body: campaignDraftSchema, response: { 200: campaignCreatedSchema, ...errors } } },
    async (req) => ({ id: await createCampaign(deps(), await requireActor(req), req.body), status: "draft" as const }),
  );

  r.get(
    "/api/v1/admin/campaigns",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "The campaigns of my area, newest first, 20 a page (awaitingMyApproval=true: those I may approve)",
        querystring: campaignListQuerySchema,
        response: { 200: campaignListSchema, ...errors },
      },
    },
    async (req) => listCampaigns(deps(), await requireActor(req), req.query),
  );

  r.get(
    "/api/v1/admin/campaigns/:id",
    {
      config,
      schema: {
        tags,
        security,
        summary: "A campaign with its preview and its plan",
        params: z.strictObject({ id: z.coerce.number().int().min(1) }),
        response: { 200: campaignViewSchema, ...errors },
      },
    },
    async (req) => {
      const row = await campaignFor(deps(), await requireActor(req), req.params.id);
      const draft = draftOf(row);
      const quota = await readQuota({ oa: app.oa.oa, repos: app.services.repos, clock: app.services.clock, log: req.log });
      const plan = await planCampaign(app.services.repos.subscribers, draft, app.services.clock.now(), opts.costs, { messagesPerPerson: campaignMessages(draft, app.oa.links.lesson).length, quotaRemaining: quota?.remain ?? null });
      return { id: Number(row.id), status: row.status, draft, messages: messages(draft), promotion: promotionMessage(draft, app.oa.links.lesson), plan };
    },
  );

  const ddeps = () => ({ ...deps(), queue: app.oa.queue, oa: app.oa.oa, costs: opts.costs, lessonUrl: app.oa.links.lesson, log: app.log });
  const idParams = z.strictObject({ id: z.coerce.number().int().min(1) });

  r.post(
    "/api/v1/admin/campaigns/:id/send",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Send a draft campaign now or at a time (a province-wide one waits for a second official's approval)",
        params: idParams,
        body: z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }).nullish(),
        response: { 200: campaignSentSchema, 409: errorSchema, ...errors },
      },
    },
    async (req) => {
      const at = req.body?.at ? new Date(req.body.at) : null;
      return { status: (await startCampaign(ddeps(), await requireActor(req), req.params.id, at)) as "awaiting_approval" | "scheduled" | "sending" };
    },
  );

  r.post(
    "/api/v1/admin/campaigns/:id/approve",
    { config, schema: { tags, security, summary: "Approve a province-wide campaign (a second official)", params: idParams, response: { 200: campaignApprovedSchema, 409: errorSchema, ...errors } } },
    async (req) => ({ status: (await approveCampaign(ddeps(), await requireActor(req), req.params.id)) as "scheduled" | "sending" }),
  );

  r.post(
    "/api/v1/admin/campaigns/:id/cancel",
    { config, schema: { tags, security, summary: "Cancel: stops the deliveries not yet under way", params: idParams, response: { 200: campaignCancelledSchema, 409: errorSchema, ...errors } } },
    async (req) => ({ status: "cancelled" as const, stopped: await cancelCampaign(ddeps(), await requireActor(req), req.params.id) }),
  );

  const statsFor = async (req: { params: { id: number } } & Parameters<typeof requireActor>[0]) => statsOfCampaign(deps(), await requireActor(req), req.params.id);

  r.get(
    "/api/v1/admin/campaigns/:id/stats",
    { config, schema: { tags, security, summary: "Live numbers of a campaign", params: idParams, response: { 200: campaignStatsSchema, ...errors } } },
    async (req) => statsFor(req),
  );

  r.get(
    "/api/v1/admin/campaigns/:id/stats.csv",
    { config, schema: { tags, security, summary: "The same numbers as CSV", params: idParams, response: { 200: csvSchema, ...errors } } },
    async (req, reply) => reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="campaign-${req.params.id}.csv"`).send(statsCsv(await statsFor(req))),
  );
}
