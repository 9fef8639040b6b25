import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema, lessonIdSchema } from "../../../shared/schemas/api.js";
import { recordingSavedSchema } from "../../../shared/schemas/audio.js";
import { badRequest } from "../lib/errors.js";
import { RECORDING } from "../services/audio/recording.js";
import { recordStep, removeRecording } from "../services/audio/record-step.js";
import { adminActor } from "./admin-auth.js";

const params = z.strictObject({ lessonId: lessonIdSchema, step: z.coerce.number().int().min(1).max(20) });

/** A person's voice for a lesson step (the operator, for the shipped course): the body is the recording itself. */
export async function adminAudioRoutes(app: FastifyInstance): Promise<void> {
  // Sound as phones and browsers record it, taken as bytes; what it really is, ffprobe decides (recording.ts).
  app.addContentTypeParser(
    /^(audio\/|video\/(webm|mp4|3gpp|3gpp2|quicktime)|application\/octet-stream)/,
    { parseAs: "buffer", bodyLimit: RECORDING.maxBytes },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ repos: app.services.repos, index: app.services.audioIndex, clock: app.services.clock, catalog: app.services.catalog });
  const url = "/api/v1/admin/lessons/:lessonId/steps/:step/recording";
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 413: errorSchema, 415: errorSchema };

  r.post(
    url,
    {
      bodyLimit: RECORDING.maxBytes,
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["admin"],
        security: [{ session: [] }],
        summary: "Record a step (1-based) in a person's voice: the body is the sound (audio/*), up to 3 minutes and 8 MB",
        params,
        response: { 200: recordingSavedSchema, ...errors },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest("invalid_audio", "Chưa có bản ghi âm: hãy gửi tệp âm thanh (audio/…).");
      return recordStep(deps(), adminActor(req), req.params.lessonId, req.params.step - 1, req.body);
    },
  );

  r.delete(
    url,
    {
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags: ["admin"],
        security: [{ session: [] }],
        summary: "Take a step's recording away: the machine voice reads it again",
        params,
        response: { 200: recordingSavedSchema, ...errors },
      },
    },
    async (req) => removeRecording(deps(), adminActor(req), req.params.lessonId, req.params.step - 1),
  );
}
