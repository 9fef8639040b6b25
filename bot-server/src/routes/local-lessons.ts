import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LOCAL_IMAGE_ID } from "../../../shared/constants/local-lesson.js";
import { COMMUNE_CODE } from "../../../shared/constants/patterns.js";
import { errorSchema } from "../../../shared/schemas/api.js";
import { areaLessonsSchema, myCommuneSchema } from "../../../shared/schemas/local-lesson.js";
import { imageFileSchema } from "../../../shared/schemas/responses/files.js";
import { notFound } from "../lib/errors.js";
import { areaLessons, myCommune } from "../services/local-lessons/area-lessons.js";
import { requireLearner } from "./authenticate.js";

/** What residents see of the local skill (public, like the course): a commune's published lessons, and their photos. */
export async function localLessonRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ repos: app.services.repos, areas: app.services.areas, course: app.services.course });

  r.get(
    "/api/v1/local-lessons",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags: ["lessons"],
        summary: "The published local lessons of a commune and of its province",
        querystring: z.strictObject({ commune: z.string().regex(COMMUNE_CODE, "a commune's code (5 digits)") }),
        response: { 200: areaLessonsSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      // Short: an approval shows within a minute; a phone keeps its own copy for offline use.
      reply.header("cache-control", "public, max-age=60");
      return areaLessons(deps(), req.query.commune);
    },
  );

  r.get(
    "/api/v1/local-images/:id.webp",
    {
      config: { rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        tags: ["lessons"],
        summary: "A photo of a local lesson (its name is the hash of the file: it never changes)",
        params: z.strictObject({ id: z.string().regex(LOCAL_IMAGE_ID, "an image id") }),
        response: { 200: imageFileSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const f = await app.services.repos.localImages.file(req.params.id);
      const data = f && (f.data ?? (await app.services.images?.get(req.params.id)));
      if (!f || !data) throw notFound("image_not_found", "Không có ảnh này.");
      return reply.header("cache-control", "public, max-age=31536000, immutable").header("x-content-type-options", "nosniff").type(f.mime).send(data);
    },
  );

  r.get(
    "/api/v1/me/commune",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["lessons"],
        security: [{ session: [] }],
        summary: "The commune I chose in the OA's chat, if any: the mini app offers its local lessons",
        response: { 200: myCommuneSchema, 401: errorSchema, 429: errorSchema },
      },
    },
    async (req) => myCommune(deps(), await requireLearner(req)),
  );
}
