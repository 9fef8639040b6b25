import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PROVINCE_CODE } from "../../../shared/constants/patterns.js";
import { errorSchema } from "../../../shared/schemas/api.js";
import { communesSchema, provincesSchema } from "../../../shared/schemas/responses/areas.js";

/** The 2025 administrative units (public data): provinces, and communes found by name, tone marks optional. */
export async function areaRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { rateLimit: { max: 300, timeWindow: "1 minute" } };

  r.get("/api/v1/areas/provinces", { config, schema: { tags: ["areas"], summary: "The 34 provinces", response: { 200: provincesSchema } } }, async () => ({
    provinces: app.services.areas.provinces.map((p) => ({ code: p.code, name: p.name })),
  }));

  r.get(
    "/api/v1/areas/communes",
    {
      config,
      schema: {
        tags: ["areas"],
        summary: "Communes matching a name (tone marks optional), optionally inside one province",
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(100),
          province: z.string().regex(PROVINCE_CODE).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: communesSchema, 400: errorSchema },
      },
    },
    async (req) => {
      const found = app.services.areas.searchCommunes(req.query.q, {
        limit: req.query.limit,
        ...(req.query.province ? { provinceCode: req.query.province } : {}),
      });
      return { communes: found.map((c) => ({ code: c.code, name: c.name, provinceCode: c.provinceCode, fullName: c.fullName })) };
    },
  );
}
