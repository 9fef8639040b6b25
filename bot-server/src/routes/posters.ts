import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { isLocalLessonId } from "../../../shared/constants/local-lesson.js";
import { errorSchema } from "../../../shared/schemas/api.js";
import { posterLessonParamsSchema, posterQuerySchema, posterSkillParamsSchema, type PosterFormat } from "../../../shared/schemas/posters.js";
import { notModifiedSchema, posterFileSchema } from "../../../shared/schemas/responses/files.js";
import { publishedLesson } from "../services/local-lessons/local-lesson.js";
import { makePoster, type Poster } from "../services/posters/make-poster.js";
import { teacherNotesPdf } from "../services/teacher-notes/notes-pdf.js";

/**
 * Posters (public: a poster holds nothing private): an A4 PDF to print and a 1080 × 1080 PNG for Zalo groups,
 * for a lesson (/api/v1/posters/<lessonId>.pdf|png) or a skill (/api/v1/posters/skill/<skillId>.pdf|png),
 * with ?ref=<code> carried by the QR code. Rendering costs CPU: rate-limited per client, cached, and answered with
 * 304 when the client already has these bytes.
 */
export async function posterRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { rateLimit: { max: 30, timeWindow: "1 minute" } };
  const deps = { catalog: app.services.catalog, links: app.links, localLesson: (id: string) => publishedLesson(app.services, id) };

  function send(req: FastifyRequest, reply: FastifyReply, poster: Pick<Poster, "etag" | "filename" | "body"> & { contentType?: string }) {
    reply
      .header("cache-control", "public, max-age=86400")
      .header("etag", poster.etag)
      .header("content-disposition", `inline; filename="${poster.filename}"`)
      .header("x-content-type-options", "nosniff");
    const seen = req.headers["if-none-match"];
    if (seen && seen.split(",").some((t) => t.trim() === poster.etag)) return reply.status(304).send();
    return reply.type(poster.contentType ?? "application/pdf").send(poster.body);
  }

  // A lesson's notes for the tổ member, to print (public like the posters: they hold nothing private, and the course is open).
  r.get(
    "/api/v1/posters/:lessonId/teacher-notes.pdf",
    {
      config,
      schema: {
        tags: ["posters"],
        summary: "A lesson's notes for the tổ member who teaches it (A4 PDF)",
        params: posterLessonParamsSchema,
        response: { 200: posterFileSchema, 304: notModifiedSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const id = req.params.lessonId;
      const local = isLocalLessonId(id) ? await publishedLesson(app.services, id) : null;
      return send(req, reply, await teacherNotesPdf(app.services.catalog, id, local));
    },
  );

  for (const format of ["pdf", "png"] as PosterFormat[]) {
    const what = format === "pdf" ? "A4 poster to print (PDF)" : "Square picture for Zalo groups (PNG, 1080 × 1080)";
    const response = { 200: posterFileSchema, 304: notModifiedSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema };
    r.get(
      `/api/v1/posters/:lessonId.${format}`,
      { config, schema: { tags: ["posters"], summary: `${what} of a lesson`, params: posterLessonParamsSchema, querystring: posterQuerySchema, response } },
      async (req, reply) => send(req, reply, await makePoster(deps, { kind: "lesson", id: req.params.lessonId, format, ref: req.query.ref ?? null })),
    );
    r.get(
      `/api/v1/posters/skill/:skillId.${format}`,
      {
        config,
        schema: {
          tags: ["posters"],
          summary: `${what} of a skill; its QR code opens the skill's first lesson`,
          params: posterSkillParamsSchema,
          querystring: posterQuerySchema,
          response,
        },
      },
      async (req, reply) => send(req, reply, await makePoster(deps, { kind: "skill", id: req.params.skillId, format, ref: req.query.ref ?? null })),
    );
  }
}
