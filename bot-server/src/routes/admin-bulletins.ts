import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { bulletinChangeSchema, bulletinCreateSchema, bulletinListSchema, bulletinSavedSchema } from "../../../shared/schemas/bulletin.js";
import { audioFileSchema, csvSchema } from "../../../shared/schemas/responses/files.js";
import { BULLETIN_RECORDING } from "../services/audio/recording.js";
import { bulletinMp3, bulletinText } from "../services/bulletins/bulletin-files.js";
import { changeBulletin, recordBulletin } from "../services/bulletins/change-bulletin.js";
import { createBulletin } from "../services/bulletins/create-bulletin.js";
import { listBulletins } from "../services/bulletins/list-bulletins.js";
import { adminActor } from "./admin-auth.js";
import { acceptRecordings, recordingOf } from "./recording-body.js";

const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Bulletins for the commune loudspeaker: made from a lesson, a campaign or the week's news; voiced; approved; downloaded. */
export async function adminBulletinRoutes(app: FastifyInstance): Promise<void> {
  acceptRecordings(app, BULLETIN_RECORDING.maxBytes);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 60, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema, 503: errorSchema };
  const deps = () => ({
    repos: app.services.repos,
    areas: app.services.areas,
    catalog: app.services.catalog,
    clock: app.services.clock,
    pronunciation: app.services.course.pronunciation,
  });

  r.get(
    "/api/v1/admin/bulletins",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Loudspeaker bulletins of my area (this week's commune bulletin is assembled as a draft)",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: bulletinListSchema, ...errors },
      },
    },
    async (req) => listBulletins(deps(), adminActor(req), req.query.limit),
  );
  r.post(
    "/api/v1/admin/bulletins",
    {
      config,
      schema: {
        tags,
        security,
        summary: "A bulletin draft from a lesson, a campaign or the week's news",
        body: bulletinCreateSchema,
        response: { 200: bulletinSavedSchema, ...errors },
      },
    },
    async (req) => createBulletin(deps(), adminActor(req), req.body),
  );
  r.patch(
    "/api/v1/admin/bulletins/:id",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Edit, give the machine voice, submit, approve or cancel a bulletin",
        params: idParams,
        body: bulletinChangeSchema,
        response: { 200: bulletinSavedSchema, ...errors },
      },
    },
    async (req) => changeBulletin(deps(), adminActor(req), req.params.id, req.body),
  );
  r.post(
    "/api/v1/admin/bulletins/:id/recording",
    {
      bodyLimit: BULLETIN_RECORDING.maxBytes,
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "My own reading of a draft bulletin (audio/*, up to 10 minutes)",
        params: idParams,
        response: { 200: bulletinSavedSchema, ...errors },
      },
    },
    async (req) => {
      return recordBulletin(deps(), adminActor(req), req.params.id, recordingOf(req.body));
    },
  );
  r.get(
    "/api/v1/admin/bulletins/:id/audio.mp3",
    {
      config,
      schema: {
        tags,
        security,
        summary: "The bulletin as MP3, for the smart-loudspeaker software",
        params: idParams,
        response: { 200: audioFileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const f = await bulletinMp3(deps(), adminActor(req), req.params.id);
      return reply
        .type("audio/mpeg")
        .header("content-disposition", `attachment; filename="${f.filename}"`)
        .header("cache-control", "private, no-cache")
        .send(f.body);
    },
  );
  r.get(
    "/api/v1/admin/bulletins/:id/script.txt",
    {
      config,
      schema: {
        tags,
        security,
        summary: "The bulletin's script as text",
        params: idParams,
        response: { 200: csvSchema.describe("The script (UTF-8 text)"), ...errors },
      },
    },
    async (req, reply) => {
      const f = await bulletinText(deps(), adminActor(req), req.params.id);
      return reply.type("text/plain; charset=utf-8").header("content-disposition", `attachment; filename="${f.filename}"`).send(f.body);
    },
  );
}
