import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { communeCodeSchema, communePointInputSchema, communePointSchema } from "../../../shared/schemas/commune-point.js";
import { getCommunePoint, setCommunePoint } from "../services/commune-points/set-point.js";
import { adminActor } from "./admin-auth.js";
import { adultsRequestSchema, adultsSchema } from "../../../shared/schemas/ledger.js";
import { getAdults, setAdults } from "../services/ledger/set-adults.js";

/** Officials say where their commune is, so that a resident sharing a location in the chat is offered it. */
export async function adminCommuneRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const limit = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
  const params = z.strictObject({ code: communeCodeSchema });
  const deps = () => ({ repos: app.services.repos, areas: app.services.areas, clock: app.services.clock });

  r.get(
    "/api/v1/admin/communes/:code/point",
    {
      config: limit,
      schema: { tags, security, summary: "Where a commune I manage is (null when not set)", params, response: { 200: communePointSchema, ...errors } },
    },
    async (req) => getCommunePoint(deps(), adminActor(req), req.params.code),
  );

  r.put(
    "/api/v1/admin/communes/:code/point",
    {
      config: limit,
      schema: {
        tags,
        security,
        summary: "Set where a commune I manage is (decimal degrees); audited",
        params,
        body: communePointInputSchema,
        response: { 200: communePointSchema, ...errors },
      },
    },
    async (req) => setCommunePoint(deps(), adminActor(req), req.params.code, req.body),
  );

  r.get(
    "/api/v1/admin/communes/:code/adults",
    {
      config: limit,
      schema: { tags, security, summary: "How many adults live in a commune I manage (null when not set)", params, response: { 200: adultsSchema, ...errors } },
    },
    async (req) => getAdults(deps(), adminActor(req), req.params.code),
  );

  r.put(
    "/api/v1/admin/communes/:code/adults",
    {
      config: limit,
      schema: {
        tags,
        security,
        summary: "Set how many adults live in a commune I manage: reports give each outcome's share of them; audited",
        params,
        body: adultsRequestSchema,
        response: { 200: adultsSchema, ...errors },
      },
    },
    async (req) => setAdults(deps(), adminActor(req), req.params.code, req.body.adults),
  );
}
