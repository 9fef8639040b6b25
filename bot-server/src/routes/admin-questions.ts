import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { unansweredQuestionsSchema } from "../../../shared/schemas/responses/admin.js";
import { listOpenQuestions } from "../services/admin/list-open-questions.js";
import { adminActor } from "./admin-auth.js";

/** The officials' inbox of questions the chatbot could not answer confidently. */
export async function adminQuestionRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/admin/questions",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags: ["admin"],
        security: [{ session: [] }],
        summary: "Questions the chatbot could not answer, in my area",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: unansweredQuestionsSchema, 401: errorSchema, 403: errorSchema, 400: errorSchema },
      },
    },
    async (req) => listOpenQuestions({ repos: app.services.repos, areas: app.services.areas }, adminActor(req), req.query.limit),
  );
}
