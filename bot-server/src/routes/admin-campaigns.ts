import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { campaignDraftSchema, campaignListQuerySchema, campaignListSchema, campaignStatsSchema, type CampaignDraft } from "../../../shared/schemas/campaign.js";
import {
  campaignApprovedSchema,
  campaignCancelledSchema,
  campaignCreatedSchema,
  campaignPreviewSchema,
  campaignSentSchema,
  campaignViewSchema,
} from "../../../shared/schemas/responses/campaigns.js";
import { csvSchema } from "../../../shared/schemas/responses/files.js";
import { statsCsv, statsOfCampaign } from "../services/campaigns/campaign-stats.js";
import { approveCampaign } from "../services/campaigns/approve-campaign.js";
import { cancelCampaign } from "../services/campaigns/cancel-campaign.js";
import { startCampaign } from "../services/campaigns/start-campaign.js";
import { campaignMessages, promotionMessage } from "../services/campaigns/campaign-message.js";
import { checkCampaign, createCampaign } from "../services/campaigns/create-campaign.js";
import { listCampaigns } from "../services/campaigns/list-campaigns.js";
import type { PlanSettings } from "../services/campaigns/plan-campaign.js";
import { showCampaign } from "../services/campaigns/show-campaign.js";
import { adminActor } from "./admin-auth.js";

/** Campaigns: compose (validated), preview exactly as Zalo will show it, plan, send, cancel, statistics. */
export async function adminCampaignRoutes(app: FastifyInstance, opts: { costs: PlanSettings }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 60, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  const deps = () => ({ repos: app.services.repos, areas: app.services.areas, catalog: app.services.catalog, clock: app.services.clock });
  const ddeps = () => ({ ...deps(), queue: app.jobs, oa: app.zalo.oa, costs: opts.costs, lessonUrl: app.links.lesson, log: app.log });
  const messages = (c: CampaignDraft) => campaignMessages(c, app.links.lesson);

  r.post(
    "/api/v1/admin/campaigns/preview",
    {
      config,
      schema: {
        tags,
        security,
        summary: "The messages a follower would receive",
        body: campaignDraftSchema,
        response: { 200: campaignPreviewSchema, ...errors },
      },
    },
    async (req) => {
      checkCampaign(deps(), adminActor(req), req.body);
      return { messages: messages(req.body), promotion: promotionMessage(req.body, app.links.lesson) };
    },
  );

  r.post(
    "/api/v1/admin/campaigns",
    { config, schema: { tags, security, summary: "Save a draft campaign", body: campaignDraftSchema, response: { 200: campaignCreatedSchema, ...errors } } },
    async (req) => ({ id: await createCampaign(deps(), adminActor(req), req.body), status: "draft" as const }),
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
    async (req) => listCampaigns(deps(), adminActor(req), req.query),
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
    async (req) => showCampaign({ ...ddeps(), log: req.log }, adminActor(req), req.params.id),
  );

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
      return { status: (await startCampaign(ddeps(), adminActor(req), req.params.id, at)) as "awaiting_approval" | "scheduled" | "sending" };
    },
  );

  r.post(
    "/api/v1/admin/campaigns/:id/approve",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Approve a province-wide campaign (a second official)",
        params: idParams,
        response: { 200: campaignApprovedSchema, 409: errorSchema, ...errors },
      },
    },
    async (req) => ({ status: (await approveCampaign(ddeps(), adminActor(req), req.params.id)) as "scheduled" | "sending" }),
  );

  r.post(
    "/api/v1/admin/campaigns/:id/cancel",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Cancel: stops the deliveries not yet under way",
        params: idParams,
        response: { 200: campaignCancelledSchema, 409: errorSchema, ...errors },
      },
    },
    async (req) => ({ status: "cancelled" as const, stopped: await cancelCampaign(ddeps(), adminActor(req), req.params.id) }),
  );

  const statsFor = (req: { params: { id: number } } & Parameters<typeof adminActor>[0]) => statsOfCampaign(deps(), adminActor(req), req.params.id);

  r.get(
    "/api/v1/admin/campaigns/:id/stats",
    { config, schema: { tags, security, summary: "Live numbers of a campaign", params: idParams, response: { 200: campaignStatsSchema, ...errors } } },
    async (req) => statsFor(req),
  );

  r.get(
    "/api/v1/admin/campaigns/:id/stats.csv",
    { config, schema: { tags, security, summary: "The same numbers as CSV", params: idParams, response: { 200: csvSchema, ...errors } } },
    async (req, reply) =>
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="campaign-${req.params.id}.csv"`)
        .send(statsCsv(await statsFor(req))),
  );
}
