import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { CERTIFICATE_CODE, certificateKeysSchema, certificateViewSchema } from "../../../shared/schemas/certificate.js";
import { htmlPageSchema, posterFileSchema } from "../../../shared/schemas/responses/files.js";
import { verifyCertificate } from "../lib/certificate-signing.js";
import { notFound } from "../lib/errors.js";
import { certificateFile } from "../services/certificates/certificate-file.js";
import { publicView } from "../services/certificates/certificate-view.js";
import { unknownCertificatePage, verifyPage } from "../services/certificates/verify-page.js";
import { requireLearner } from "./authenticate.js";

/** Certificates anyone can check (public): the page a certificate's QR code opens, the same as JSON, and the public keys. */
export async function certificateRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const view = (code: string) =>
    app.services.repos.certificates.find(code).then((row) => (row ? publicView({ catalog: app.services.catalog, areas: app.services.areas }, row) : null));

  r.get(
    "/.well-known/certificate-keys.json",
    {
      config,
      schema: { tags: ["certificates"], summary: "The public keys certificates are signed with (JWK, Ed25519)", response: { 200: certificateKeysSchema } },
    },
    async (_req, reply) => {
      reply.header("cache-control", "public, max-age=3600").header("access-control-allow-origin", "*");
      return { keys: [app.services.certificateKey.jwk] };
    },
  );

  r.get(
    "/verify/:code",
    {
      config,
      schema: {
        tags: ["certificates"],
        summary: "A certificate's public page: what it states (name shortened) and whether it is valid or revoked",
        params: z.strictObject({ code: z.string().max(40) }),
        /** p: the signed text the certificate's QR code carries, checked against the code's certificate. */
        querystring: z.object({ p: z.string().max(2000).optional() }),
        response: { 200: htmlPageSchema, 404: htmlPageSchema },
      },
    },
    async (req, reply) => {
      const code = req.params.code.toUpperCase();
      const v = CERTIFICATE_CODE.test(code) ? await view(code) : null;
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache");
      if (!v) return reply.status(404).send(unknownCertificatePage());
      const qr = req.query.p === undefined ? null : req.query.p === v.signed && !!verifyCertificate(req.query.p, [app.services.certificateKey.jwk]);
      return verifyPage(v, qr);
    },
  );

  r.get(
    "/api/v1/certificates/:code",
    {
      config,
      schema: {
        tags: ["certificates"],
        summary: "A certificate's public facts and status, as JSON",
        params: z.strictObject({ code: z.string().regex(CERTIFICATE_CODE, "a certificate code (12 characters)") }),
        response: { 200: certificateViewSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const v = await view(req.params.code);
      if (!v) throw notFound("certificate_not_found", "Không có chứng nhận này.");
      return v;
    },
  );

  for (const format of ["pdf", "png"] as const) {
    r.get(
      `/api/v1/me/certificates/:code.${format}`,
      {
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
        schema: {
          tags: ["certificates"],
          security: [{ session: [] }],
          summary: format === "pdf" ? "My certificate as an A4 PDF (my name in full)" : "My certificate as a square picture for Zalo (1080 × 1080)",
          params: z.strictObject({ code: z.string().regex(CERTIFICATE_CODE, "a certificate code (12 characters)") }),
          response: { 200: posterFileSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
        },
      },
      async (req, reply) => {
        const deps = { repos: app.services.repos, areas: app.services.areas, catalog: app.services.catalog, links: app.links };
        const f = await certificateFile(deps, await requireLearner(req), req.params.code, format);
        return reply
          .type(f.contentType)
          .header("content-disposition", `inline; filename="${f.filename}"`)
          .header("cache-control", "private, no-cache")
          .send(f.body);
      },
    );
  }
}
