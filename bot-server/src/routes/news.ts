import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { newsResponseSchema } from "../../../shared/schemas/news.js";
import { newsReadSchema } from "../../../shared/schemas/responses/news.js";
import { getMyNews } from "../services/news/get-my-news.js";
import { readAnswer } from "../services/news/read-answer.js";
import { readNews } from "../services/news/read-news.js";
import { requireLearner } from "./authenticate.js";

/** "Tin mới": the news held in the signed-in learner's inbox (news the OA could not push to them), and reading it. */
export async function newsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["news"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 120, timeWindow: "1 minute" } };

  r.get(
    "/api/v1/me/news",
    {
      config,
      schema: {
        tags,
        security,
        summary: "My news (Tin mới): the latest 20, newest first, and how many are unread",
        response: { 200: newsResponseSchema, 401: errorSchema },
      },
    },
    async (req) =>
      getMyNews({ repos: app.services.repos, catalog: app.services.catalog, links: app.links, areas: app.services.areas }, await requireLearner(req)),
  );

  r.post(
    "/api/v1/me/news/:campaignId/read",
    {
      config,
      schema: {
        tags,
        security,
        summary: "I read this news in the app: the bot will not push it to me again",
        params: z.strictObject({ campaignId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: newsReadSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      await readNews(app.services, await requireLearner(req), req.params.campaignId);
      return { read: true as const };
    },
  );

  r.post(
    "/api/v1/me/news/answers/:questionId/read",
    {
      config,
      schema: {
        tags,
        security,
        summary: "I read an official's answer in the app: the bot will not send it to me again",
        params: z.strictObject({ questionId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: newsReadSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      await readAnswer(app.services, await requireLearner(req), req.params.questionId);
      return { read: true as const };
    },
  );
}
