import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AREA_CODE } from "../../../shared/constants/patterns.js";
import { errorSchema } from "../../../shared/schemas/api.js";
import {
  localImageSchema,
  localLessonChangeSchema,
  localLessonCreateSchema,
  localLessonIdSchema,
  localLessonListSchema,
  localLessonSavedSchema,
} from "../../../shared/schemas/local-lesson.js";
import { badRequest } from "../lib/errors.js";
import { changeLocalLesson } from "../services/local-lessons/change-local-lesson.js";
import { listLocalLessons } from "../services/local-lessons/list-local-lessons.js";
import { IMAGE_LIMITS } from "../services/local-lessons/prepare-image.js";
import { createLocalLesson } from "../services/local-lessons/save-local-lesson.js";
import { uploadImage } from "../services/local-lessons/upload-image.js";
import { adminActor } from "./admin-auth.js";

/** Lessons of the local skill written by officials: photos, drafts, versions, four-eyes publishing. */
export async function adminLocalLessonRoutes(app: FastifyInstance): Promise<void> {
  // Photos as phones send them; what they really are, sharp decides (services/local-lessons/prepare-image.ts).
  app.addContentTypeParser(/^(image\/|application\/octet-stream)/, { parseAs: "buffer", bodyLimit: IMAGE_LIMITS.maxBytes }, (_req, body, done) =>
    done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 60, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema };
  const deps = () => ({
    repos: app.services.repos,
    areas: app.services.areas,
    clock: app.services.clock,
    course: app.services.course,
    images: app.services.images,
  });
  const idParams = z.strictObject({ id: localLessonIdSchema });

  r.get(
    "/api/v1/admin/local-lessons",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Local lessons of my areas, with the competences a lesson may name",
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
        response: { 200: localLessonListSchema, ...errors },
      },
    },
    async (req) => listLocalLessons(deps(), adminActor(req), req.query.limit),
  );
  r.post(
    "/api/v1/admin/local-lessons",
    {
      config,
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        security,
        summary: "A new local lesson (a draft), checked like the shipped course",
        body: localLessonCreateSchema,
        response: { 200: localLessonSavedSchema, ...errors },
      },
    },
    async (req) => createLocalLesson(deps(), adminActor(req), req.body.areaCode, req.body.content),
  );
  r.patch(
    "/api/v1/admin/local-lessons/:id",
    {
      config,
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        security,
        summary: "Edit (a published lesson gets a new version), submit, approve (a second official), withdraw or restore",
        params: idParams,
        body: localLessonChangeSchema,
        response: { 200: localLessonSavedSchema, ...errors },
      },
    },
    async (req) => changeLocalLesson(deps(), adminActor(req), req.params.id, req.body),
  );
  r.post(
    "/api/v1/admin/local-images",
    {
      bodyLimit: IMAGE_LIMITS.maxBytes,
      config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        tags,
        security,
        summary: "A photo for a local lesson (JPEG, PNG, WebP, HEIC): resized, recompressed, metadata removed",
        querystring: z.strictObject({ area: z.string().regex(AREA_CODE) }),
        response: { 200: localImageSchema, ...errors },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest("invalid_image", "Chưa có ảnh: hãy gửi tệp ảnh (image/…).");
      return uploadImage(deps(), adminActor(req), req.query.area, req.body);
    },
  );
}
