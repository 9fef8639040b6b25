import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorSchema, signInRequestSchema, signInResponseSchema } from "../../../shared/schemas/api.js";
import { signIn } from "../services/sign-in.js";

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/auth/zalo",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Exchange the Zalo user access token (getAccessToken) for a session token",
        body: signInRequestSchema,
        response: { 200: signInResponseSchema, 400: errorSchema, 401: errorSchema, 502: errorSchema },
      },
    },
    async (req) => signIn({ ...app.services, graph: app.zalo.graph, log: req.log }, req.body.accessToken, req.body.userInfoConsent === true),
  );
}
