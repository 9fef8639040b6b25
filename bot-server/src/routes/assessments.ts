import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import {
  assessmentAnswersSchema,
  assessmentAttemptSchema,
  assessmentResultSchema,
  ATTEMPT_ID,
  certificateClaimSchema,
  completionsSchema,
  handsOnCodeParam,
  handsOnCodeRequestSchema,
  handsOnCodeSchema,
  handsOnConfirmSchema,
  handsOnPreviewSchema,
  myCertificatesSchema,
  skillCompletionSchema,
} from "../../../shared/schemas/assessment.js";
import type { AssessmentDeps } from "../services/assessments/assessment-deps.js";
import { claimCertificate, myCertificateView } from "../services/assessments/claim-certificate.js";
import { confirmHandsOn, previewHandsOn } from "../services/assessments/confirm-hands-on.js";
import { handsOnCode } from "../services/assessments/hands-on-code.js";
import { skillCompletion } from "../services/assessments/skill-completion.js";
import { startAssessment } from "../services/assessments/start-assessment.js";
import { submitAssessment } from "../services/assessments/submit-assessment.js";
import { requireLearner, requirePerson } from "./authenticate.js";

const skillParams = z.strictObject({ skill: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a skill id") });
const codeParams = z.strictObject({ code: handsOnCodeParam });

/** Completing a skill: its final assessment (drawn and graded here), hands-on tasks confirmed by a tổ member, and the certificate. */
export async function assessmentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = (): AssessmentDeps => ({
    repos: app.services.repos,
    course: app.services.course,
    clock: app.services.clock,
    settings: app.services.assessment,
    areas: app.services.areas,
    key: app.services.certificateKey,
    outcomeKinds: app.services.outcomeKinds,
  });
  const tags = ["assessments"];
  const security = [{ session: [] }];
  const limited = { rateLimit: { max: 60, timeWindow: "1 minute" } };

  r.get(
    "/api/v1/me/completions",
    {
      schema: {
        tags,
        security,
        summary: "Where I stand in completing each skill",
        response: { 200: completionsSchema, 401: errorSchema },
      },
    },
    async (req) => {
      const me = await requireLearner(req);
      return { skills: await Promise.all(app.services.course.assessments.map((a) => skillCompletion(deps(), me, a.skill))) };
    },
  );

  r.get(
    "/api/v1/me/completions/:skill",
    {
      schema: {
        tags,
        security,
        summary: "Where I stand in completing a skill: its assessment, hands-on tasks and certificate",
        params: skillParams,
        response: { 200: skillCompletionSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => skillCompletion(deps(), await requireLearner(req), req.params.skill),
  );

  r.post(
    "/api/v1/me/assessments/:skill/attempts",
    {
      config: limited,
      schema: {
        tags,
        security,
        summary: "Begin the skill's final assessment (or resume the attempt begun): questions drawn at random, options shuffled, no answers",
        params: skillParams,
        response: { 200: assessmentAttemptSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => startAssessment(deps(), await requireLearner(req), req.params.skill),
  );

  r.post(
    "/api/v1/me/assessments/attempts/:attemptId",
    {
      config: limited,
      schema: {
        tags,
        security,
        summary: "Submit an attempt's answers (option ids), graded once on the server",
        params: z.strictObject({ attemptId: z.string().regex(ATTEMPT_ID, "an attempt id") }),
        body: assessmentAnswersSchema,
        response: { 200: assessmentResultSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => submitAssessment(deps(), await requireLearner(req), req.params.attemptId, req.body),
  );

  r.post(
    "/api/v1/me/hands-on/:skill/code",
    {
      config: limited,
      schema: {
        tags,
        security,
        summary: "I agree to have a tổ member confirm my hands-on tasks: a code (15 minutes) to show them",
        params: skillParams,
        body: handsOnCodeRequestSchema,
        response: { 200: handsOnCodeSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => handsOnCode(deps(), await requireLearner(req), req.params.skill, req.body.consentVersion),
  );

  r.get(
    "/api/v1/teams/hands-on/:code",
    {
      config: limited,
      schema: {
        tags,
        security,
        summary: "For a tổ member: whose hands-on tasks a resident's code opens, and which are confirmed",
        params: codeParams,
        response: { 200: handsOnPreviewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req) => previewHandsOn(deps(), await requirePerson(req), req.params.code),
  );

  r.post(
    "/api/v1/teams/hands-on/:code/confirm",
    {
      config: limited,
      schema: {
        tags,
        security,
        summary: "For a tổ member: I watched the resident do these tasks on their own phone",
        params: codeParams,
        body: handsOnConfirmSchema,
        response: { 200: handsOnPreviewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req) => confirmHandsOn(deps(), await requirePerson(req), req.params.code, req.body.tasks),
  );

  r.get(
    "/api/v1/me/certificates",
    { schema: { tags, security, summary: "My certificates", response: { 200: myCertificatesSchema, 401: errorSchema } } },
    async (req) => {
      const rows = await app.services.repos.certificates.mine(await requireLearner(req));
      return { certificates: rows.map((c) => myCertificateView(deps(), app.links.verify, c)) };
    },
  );

  r.post(
    "/api/v1/me/certificates",
    {
      config: limited,
      schema: {
        tags,
        security,
        summary: "Receive the certificate of a completed skill (and of all five core skills when this completes them), with my name as I give it",
        body: certificateClaimSchema,
        response: { 200: myCertificatesSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => ({ certificates: await claimCertificate(deps(), app.links.verify, await requireLearner(req), req.body) }),
  );
}
