import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { adminCertificatesSchema, CERTIFICATE_CODE, certificateRevokedSchema, certificateRevokeSchema } from "../../../shared/schemas/certificate.js";
import { visibleAreaCodes } from "../services/admin/access.js";
import { publicView } from "../services/certificates/certificate-view.js";
import { revokeCertificate } from "../services/certificates/revoke-certificate.js";
import { adminActor } from "./admin-auth.js";

/** Officials revoke a certificate of their area, with a reason (audited). */
export async function adminCertificateRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/admin/certificates",
    {
      schema: {
        tags: ["admin"],
        security: [{ session: [] }],
        summary: "The newest certificates of my area (100), or those whose code or holder's name starts with q",
        querystring: z.strictObject({ q: z.string().trim().max(60).optional() }),
        response: { 200: adminCertificatesSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      const { repos, areas, catalog } = app.services;
      const rows = await repos.certificates.inCommunes(visibleAreaCodes(adminActor(req), areas), 100, req.query.q || undefined);
      return {
        certificates: rows.map((row) => {
          const { signed: _signed, ...v } = publicView({ catalog, areas }, row);
          return { ...v, fullName: row.name, communeCode: row.commune_code };
        }),
      };
    },
  );

  r.post(
    "/api/v1/admin/certificates/:code/revoke",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["admin"],
        security: [{ session: [] }],
        summary: "Revoke a certificate of my area, with the reason shown on its page",
        params: z.strictObject({ code: z.string().regex(CERTIFICATE_CODE, "a certificate code (12 characters)") }),
        body: certificateRevokeSchema,
        response: { 200: certificateRevokedSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) =>
      revokeCertificate(
        { repos: app.services.repos, areas: app.services.areas, clock: app.services.clock, outcomeKinds: app.services.outcomeKinds },
        adminActor(req),
        req.params.code,
        req.body.reason,
      ),
  );
}
