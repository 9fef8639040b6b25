import { randomBytes } from "node:crypto";
import { sameKey } from "../lib/same-key.js";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { htmlPageSchema, redirectSchema } from "../../../shared/schemas/responses/files.js";
import { AppError, badRequest } from "../lib/errors.js";
import { pkcePair } from "../zalo/oauth-client.js";

const STATE_TTL_MS = 15 * 60_000;


/**
 * Connecting the OA: GET /oauth/zalo/start sends the operator to Zalo's consent page (OAuth v4 with PKCE);
 * Zalo sends them back to /oauth/zalo/callback, where the code becomes the OA's token pair, stored in the database.
 */
export async function oauthRoutes(app: FastifyInstance, opts: { operatorKey: string | undefined; publicUrl: string | undefined; port: number }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const callbackUrl = `${opts.publicUrl ?? `http://localhost:${opts.port}`}/oauth/zalo/callback`;

  r.get(
    "/oauth/zalo/start",
    { config: { rateLimit: { max: 20, timeWindow: "1 minute" } }, schema: { tags: ["zalo"], querystring: z.strictObject({ key: z.string().max(200).optional() }), response: { 302: redirectSchema } } },
    async (req, reply) => {
      // Outside the sandbox only the operator may connect the OA.
      if (!app.services.sandbox && (!opts.operatorKey || !req.query.key || !sameKey(req.query.key, opts.operatorKey))) {
        throw new AppError(403, "forbidden", "Chỉ người vận hành mới kết nối được Official Account.");
      }
      const { verifier, challenge } = pkcePair();
      const state = randomBytes(16).toString("hex");
      await app.services.repos.oauthStates.insert({ state, code_verifier: verifier, created_at: app.services.clock.now().toISOString() });
      const target = app.oa.oauth.authorizeUrl(callbackUrl, challenge, state);
      // In the sandbox the consent page is this server's own: send the browser there.
      return reply.redirect(app.services.sandbox ? target.replace("http://sandbox.local", "") : target);
    },
  );

  r.get(
    "/oauth/zalo/callback",
    { config: { rateLimit: { max: 20, timeWindow: "1 minute" } }, schema: { tags: ["zalo"], querystring: z.looseObject({ code: z.string().min(1).max(2000), state: z.string().min(1).max(200), oa_id: z.string().max(40).optional() }), response: { 200: htmlPageSchema } } },
    async (req, reply) => {
      const row = await app.services.repos.oauthStates.take(req.query.state);
      if (!row || Date.parse(row.created_at) < app.services.clock.now().getTime() - STATE_TTL_MS) {
        throw badRequest("invalid_state", "Phiên kết nối đã hết hạn. Hãy bắt đầu lại từ /oauth/zalo/start.");
      }
      if (req.query.oa_id && req.query.oa_id !== app.oa.zaloIds.oaId) throw badRequest("wrong_oa", "Official Account này không phải OA đã cấu hình.");
      let pair;
      try {
        pair = await app.oa.oauth.exchangeCode(req.query.code, row.code_verifier);
      } catch (err) {
        req.log.error({ err }, "OA authorization code exchange failed");
        throw new AppError(502, "oauth_failed", "Zalo không cấp được mã truy cập. Hãy thử kết nối lại.");
      }
      await app.oa.tokens.store(pair, "oauth");
      // Followers who were there before this server: imported now that the OA is connected.
      await app.oa.scheduleFollowerImport().catch((err: unknown) => req.log.warn({ err }, "could not schedule the follower import"));
      return reply.type("text/html; charset=utf-8").send("<!doctype html><meta charset=utf-8><title>Đã kết nối</title><p>Đã kết nối Official Account thành công. Bạn có thể đóng trang này.</p>");
    },
  );
}
