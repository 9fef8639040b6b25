import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { healthResponseSchema, metaResponseSchema } from "../../../shared/schemas/api.js";
import { PASS_RATIO } from "../../../shared/lib/grading.js";
import { checkHealth } from "../services/health/check-health.js";

export async function healthRoutes(app: FastifyInstance, opts: { sandbox: boolean }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/health", { schema: { tags: ["system"], response: { 200: healthResponseSchema, 503: healthResponseSchema } } }, async (_req, reply) => {
    const body = await checkHealth({
      repos: app.services.repos,
      dialect: app.database.dialect,
      tokens: app.zalo.tokens,
      webhookState: app.zalo.webhookState,
      sandbox: opts.sandbox,
      log: app.log,
    });
    return reply.status(body.database.status === "ok" ? 200 : 503).send(body);
  });

  r.get("/api/v1/meta", { schema: { tags: ["system"], response: { 200: metaResponseSchema } } }, async () => ({
    sandbox: opts.sandbox,
    miniappId: app.zalo.ids.miniappId,
    passRatio: PASS_RATIO,
    oaId: app.zalo.ids.oaId,
  }));
}
