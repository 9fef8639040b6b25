import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import {
  areaFaqChangeSchema,
  areaFaqFromQuestionSchema,
  areaFaqListSchema,
  areaFaqSavedSchema,
  questionAnsweredSchema,
  questionAnswerSchema,
  questionListSchema,
  questionStatsSchema,
} from "../../../shared/schemas/questions.js";
import type { PlanSettings } from "../services/campaigns/plan-campaign.js";
import { answerQuestion } from "../services/questions/answer-question.js";
import { changeAreaFaq } from "../services/questions/change-area-faq.js";
import { createAreaFaq } from "../services/questions/create-area-faq.js";
import { listAreaFaq } from "../services/questions/list-area-faq.js";
import { listQuestions } from "../services/questions/list-questions.js";
import { questionStats } from "../services/questions/question-stats.js";
import { adminActor } from "./admin-auth.js";

const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * The officials' inbox of questions the chatbot could not answer confidently: answering them (the answer reaches the
 * resident through the OA), turning them into their area's Hỏi đáp entries, and the statistics.
 */
export async function adminQuestionRoutes(app: FastifyInstance, opts: { costs: PlanSettings }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  const base = () => ({ repos: app.services.repos, areas: app.services.areas });
  const faqDeps = () => ({ ...base(), catalog: app.services.catalog, clock: app.services.clock });

  r.get(
    "/api/v1/admin/questions",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Questions the chatbot could not answer in my area: waiting for an answer (open), or answered",
        querystring: z.strictObject({
          status: z.enum(["open", "answered"]).default("open"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: questionListSchema, ...errors },
      },
    },
    async (req) => listQuestions(base(), adminActor(req), req.query.status, req.query.limit),
  );

  r.get(
    "/api/v1/admin/questions/stats",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Questions asked, answered by the bot or by officials, waiting; median time to answer",
        response: { 200: questionStatsSchema, ...errors },
      },
    },
    async (req) => questionStats(base(), adminActor(req)),
  );

  r.post(
    "/api/v1/admin/questions/:id/answer",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "Answer a question of my area: pushed to the resident when Zalo's rules allow, else held until they write",
        params: idParams,
        body: questionAnswerSchema,
        response: { 200: questionAnsweredSchema, ...errors },
      },
    },
    async (req) =>
      answerQuestion({ ...base(), clock: app.services.clock, oa: app.zalo.oa, costs: opts.costs, log: req.log }, adminActor(req), req.params.id, req.body),
  );

  r.post(
    "/api/v1/admin/questions/:id/faq",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "Thêm vào Hỏi đáp: the question and its answer become a Hỏi đáp entry of its commune or province",
        params: idParams,
        body: areaFaqFromQuestionSchema,
        response: { 200: areaFaqSavedSchema, ...errors },
      },
    },
    async (req) => createAreaFaq(faqDeps(), adminActor(req), req.params.id, req.body),
  );

  r.get(
    "/api/v1/admin/faq",
    {
      config,
      schema: {
        tags,
        security,
        summary: "My area's Hỏi đáp entries (withdrawn ones too)",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: areaFaqListSchema, ...errors },
      },
    },
    async (req) => listAreaFaq(base(), adminActor(req), req.query.limit),
  );

  r.patch(
    "/api/v1/admin/faq/:id",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "Edit, withdraw or restore an area's Hỏi đáp entry; the operator promotes one to everyone",
        params: z.strictObject({ id: z.string().regex(/^kv-[0-9a-f]{10}$/, "an area Hỏi đáp id") }),
        body: areaFaqChangeSchema,
        response: { 200: areaFaqSavedSchema, ...errors },
      },
    },
    async (req) => changeAreaFaq(faqDeps(), adminActor(req), req.params.id, req.body),
  );
}
