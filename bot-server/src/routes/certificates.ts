import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { CERTIFICATE_CODE, certificateKeysSchema, certificateViewSchema } from "../../../shared/schemas/certificate.js";
import { htmlPageSchema } from "../../../shared/schemas/responses/files.js";
import { notFound } from "../lib/errors.js";
import { publicView } from "../services/certificates/certificate-view.js";
import { unknownCertificatePage, verifyPage } from "../services/certificates/verify-page.js";

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
        response: { 200: htmlPageSchema, 404: htmlPageSchema },
      },
    },
    async (req, reply) => {
      const code = req.params.code.toUpperCase();
      const v = CERTIFICATE_CODE.test(code) ? await view(code) : null;
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache");
      return v ? verifyPage(v) : reply.status(404).send(unknownCertificatePage());
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
}
