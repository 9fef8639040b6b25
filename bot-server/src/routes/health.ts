import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { healthResponseSchema, metaResponseSchema } from "../../../shared/schemas/api.js";
import { PASS_RATIO } from "../../../shared/lib/grading.js";
import { OA_LINK_KEY } from "../services/sign-in.js";

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get("/health", { schema: { tags: ["system"], response: { 200: healthResponseSchema, 503: healthResponseSchema } } }, async (_req, reply) => {
    let up = true;
    try {
      await app.services.repos.ping();
    } catch (err) {
      app.log.error({ err }, "database health check failed");
      up = false;
    }
    const oa = await app.oa.tokens.connection().catch(() => ({ status: "degraded" as const, reason: "unknown" }));
    const link = await app.services.repos.oaState.get<{ linked: boolean }>(OA_LINK_KEY).catch(() => null);
    const lastEventAt = await app.services.repos.inbox.lastReceivedAt().catch(() => null);
    const delivery = app.oa.sandboxDelivery;
    const webhook = { status: delivery ? (delivery.state.disabled ? ("disabled" as const) : ("ok" as const)) : ("unknown" as const), lastEventAt };
    const body = {
      status: up && oa.status === "ok" ? ("ok" as const) : ("degraded" as const),
      database: { status: up ? ("ok" as const) : ("down" as const), dialect: app.database.dialect },
      oa,
      webhook,
      miniappOaLink: link === null ? ("unknown" as const) : link.value.linked ? ("linked" as const) : ("not_linked" as const),
      sandbox: app.services.sandbox !== null,
    };
    return reply.status(up ? 200 : 503).send(body);
  });

  r.get("/api/v1/meta", { schema: { tags: ["system"], response: { 200: metaResponseSchema } } }, async () => ({
    sandbox: app.services.sandbox !== null,
    miniappId: app.services.miniappId,
    passRatio: PASS_RATIO,
    oaId: app.oa.zaloIds.oaId,
  }));
}
