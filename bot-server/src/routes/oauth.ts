import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { htmlPageSchema, redirectSchema } from "../../../shared/schemas/responses/files.js";
import { AppError } from "../lib/errors.js";
import { sameKey } from "../lib/same-key.js";
import { finishOaConnection, startOaConnection } from "../services/oauth/connect-oa.js";

/**
 * Connecting the OA: GET /oauth/zalo/start sends the operator to Zalo's consent page (OAuth v4 with PKCE);
 * Zalo sends them back to /oauth/zalo/callback, where the code becomes the OA's token pair, stored in the database.
 */
export async function oauthRoutes(
  app: FastifyInstance,
  opts: { sandbox: boolean; operatorKey: string | undefined; publicUrl: string | undefined; port: number },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const callbackUrl = `${opts.publicUrl ?? `http://localhost:${opts.port}`}/oauth/zalo/callback`;
  const deps = () => ({ repos: app.services.repos, clock: app.services.clock, oauth: app.zalo.oauth });

  r.get(
    "/oauth/zalo/start",
    {
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: { tags: ["zalo"], querystring: z.strictObject({ key: z.string().max(200).optional() }), response: { 302: redirectSchema } },
    },
    async (req, reply) => {
      // Outside the sandbox only the operator may connect the OA.
      if (!opts.sandbox && (!opts.operatorKey || !req.query.key || !sameKey(req.query.key, opts.operatorKey))) {
        throw new AppError(403, "forbidden", "Chỉ người vận hành mới kết nối được Official Account.");
      }
      const target = await startOaConnection(deps(), callbackUrl);
      // In the sandbox the consent page is this server's own: send the browser there.
      return reply.redirect(opts.sandbox ? target.replace(/^https?:\/\/[^/]+/, "") : target);
    },
  );

  r.get(
    "/oauth/zalo/callback",
    {
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["zalo"],
        querystring: z.looseObject({ code: z.string().min(1).max(2000), state: z.string().min(1).max(200), oa_id: z.string().max(40).optional() }),
        response: { 200: htmlPageSchema },
      },
    },
    async (req, reply) => {
      await finishOaConnection({ ...deps(), oaId: app.zalo.ids.oaId, tokens: app.zalo.tokens, log: req.log }, req.query);
      // Followers who were there before this server: imported now that the OA is connected.
      await app.followerImport.schedule().catch((err: unknown) => req.log.warn({ err }, "could not schedule the follower import"));
      return reply
        .type("text/html; charset=utf-8")
        .send("<!doctype html><meta charset=utf-8><title>Đã kết nối</title><p>Đã kết nối Official Account thành công. Bạn có thể đóng trang này.</p>");
    },
  );
}
