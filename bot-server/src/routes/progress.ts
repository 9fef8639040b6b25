import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorSchema, progressResponseSchema, syncRequestSchema, syncResponseSchema } from "../../../shared/schemas/api.js";
import { getProgress } from "../services/get-progress.js";
import { syncProgress } from "../services/sync-progress.js";
import { requireLearner } from "./authenticate.js";

export async function progressRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema };

  r.post(
    "/api/v1/progress/sync",
    {
      schema: {
        tags: ["progress"],
        summary: "Store quiz attempts and lesson completions made on the phone (idempotent by event id)",
        security: [{ session: [] }],
        body: syncRequestSchema,
        response: { 200: syncResponseSchema, ...errors },
      },
    },
    async (req) => syncProgress(app.services, await requireLearner(req), req.body),
  );

  r.get(
    "/api/v1/progress",
    {
      schema: {
        tags: ["progress"],
        summary: "My progress: lessons read, attempts, best score, passed; skills mastered",
        security: [{ session: [] }],
        response: { 200: progressResponseSchema, 401: errorSchema },
      },
    },
    async (req) => getProgress(app.services, await requireLearner(req)),
  );
}
