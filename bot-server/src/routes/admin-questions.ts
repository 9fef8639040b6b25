import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { unansweredQuestionsSchema } from "../../../shared/schemas/responses/admin.js";
import { visibleAreaCodes } from "../services/admin/access.js";
import { requireActor } from "./authenticate.js";

/**
 * The officials' inbox of questions the chatbot could not answer confidently: the operator sees all of them,
 * an official those asked by followers who chose a commune in their area.
 */
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
    async (req) => {
      const actor = await requireActor(req);
      const rows = await app.services.repos.unanswered.listOpen(visibleAreaCodes(actor, app.oa.areas), req.query.limit);
      return {
        questions: rows.map((r) => ({
          id: Number(r.id),
          text: r.text,
          communeCode: r.commune_code ?? null,
          communeName: r.commune_code ? (app.oa.areas.commune(r.commune_code)?.fullName ?? null) : null,
          bestMatch: r.best_match,
          askedAt: r.created_at,
        })),
      };
    },
  );
}
