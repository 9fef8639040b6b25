import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { eraseRequestSchema, eraseResponseSchema, myDataExportSchema } from "../../../shared/schemas/me-data.js";
import { alreadyErased, eraseMe } from "../services/me/erase-me.js";
import { exportMyData } from "../services/me/export-my-data.js";
import { isErased } from "../services/auth/signed-in-person.js";
import { requireLearner, sessionLearnerRow } from "./authenticate.js";

/** The person's rights over their data (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP): download it all, or erase it. */
export async function meRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["me"];
  const security = [{ session: [] }];
  const deps = () => ({ repos: app.services.repos, clock: app.services.clock, catalog: app.services.catalog });

  r.get(
    "/api/v1/me/export",
    {
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "Everything stored about me, as a JSON file to download (each section explained in Vietnamese)",
        response: { 200: myDataExportSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const data = await exportMyData(deps(), await requireLearner(req));
      void reply
        .header("content-disposition", `attachment; filename="du-lieu-cua-toi-${data.exportedAt.slice(0, 10)}.json"`)
        .header("cache-control", "no-store");
      return data;
    },
  );

  r.delete(
    "/api/v1/me",
    {
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: 'Erase me: my data is anonymised (counts stay for reports), my roles revoked, my sessions end. Body: { "confirm": "XOA" }',
        body: eraseRequestSchema,
        response: { 200: eraseResponseSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 410: errorSchema },
      },
    },
    async (req) => {
      // Not requireLearner: a session of a person already erased gets a clear 410 here, not a bare 401.
      const learner = await sessionLearnerRow(req);
      if (isErased(learner)) throw alreadyErased();
      await eraseMe(deps(), learner.id, req.body?.confirm);
      return { erased: true as const };
    },
  );
}
