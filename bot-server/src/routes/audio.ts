import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { lessonAudioSchema } from "../../../shared/schemas/audio.js";
import { posterLessonParamsSchema } from "../../../shared/schemas/posters.js";
import { audioFileSchema } from "../../../shared/schemas/responses/files.js";
import { audioFile } from "../services/audio/audio-file.js";
import { lessonAudio } from "../services/audio/lesson-audio.js";

const CONTENT_TYPE = { ogg: "audio/ogg", mp3: "audio/mpeg" } as const;

/**
 * Every step can be heard (public, like the course): the list of a lesson's step audio, and the files. A file's name
 * is the hash of what it says, so it never changes: cached for a year, and for offline use by the mini app.
 */
export async function audioRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ repos: app.services.repos, index: app.services.audioIndex, clock: app.services.clock, vars: app.services.course.vars });

  r.get(
    "/api/v1/lessons/:lessonId/audio",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags: ["audio"],
        summary: "The audio of each step of a lesson (machine voice or a person's recording)",
        params: posterLessonParamsSchema,
        response: { 200: lessonAudioSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return lessonAudio(deps(), req.params.lessonId);
    },
  );

  r.get(
    "/api/v1/audio/:key.:format",
    {
      // A phone downloads a skill's audio at once (up to a hundred steps). Making a missing clip costs a second of CPU,
      // but only steps of the course are made, each once ever: the work any client can cause is bounded.
      config: { rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        tags: ["audio"],
        summary: "One step's audio: Opus in Ogg, or MP3",
        params: z.strictObject({ key: z.string().regex(/^[0-9a-f]{20}$/, "an audio key"), format: z.enum(["ogg", "mp3"]) }),
        response: { 200: audioFileSchema, 400: errorSchema, 404: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const body = await audioFile(deps(), req.params.key, req.params.format);
      return reply
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("x-content-type-options", "nosniff")
        .type(CONTENT_TYPE[req.params.format])
        .send(body);
    },
  );
}
