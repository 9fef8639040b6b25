import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema, lessonIdSchema } from "../../../shared/schemas/api.js";
import { recordingSavedSchema } from "../../../shared/schemas/audio.js";
import { RECORDING } from "../services/audio/recording.js";
import { recordStep, removeRecording } from "../services/audio/record-step.js";
import { adminActor } from "./admin-auth.js";
import { acceptRecordings, recordingOf } from "./recording-body.js";

const params = z.strictObject({ lessonId: lessonIdSchema, step: z.coerce.number().int().min(1).max(20) });

/** A person's voice for a lesson step (the operator for the shipped course, an official of its area for a local lesson): the body is the recording itself. */
export async function adminAudioRoutes(app: FastifyInstance): Promise<void> {
  acceptRecordings(app, RECORDING.maxBytes);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({
    repos: app.services.repos,
    index: app.services.audioIndex,
    clock: app.services.clock,
    catalog: app.services.catalog,
    areas: app.services.areas,
  });
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
      return recordStep(deps(), adminActor(req), req.params.lessonId, req.params.step - 1, recordingOf(req.body));
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
