import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { handsOnCodeParam } from "../../../shared/schemas/assessment.js";
import {
  erasedSchema,
  householdPersonSchema,
  ledgerPersonSchema,
  ledgerSchema,
  mergeRequestSchema,
  outcomesRequestSchema,
} from "../../../shared/schemas/ledger.js";
import { eraseHouseholdPerson } from "../services/ledger/erase-household-person.js";
import { listLedger } from "../services/ledger/list-ledger.js";
import { mergePerson } from "../services/ledger/merge-person.js";
import { recordHouseholdPerson } from "../services/ledger/record-household-person.js";
import { recordOutcomes, recordOutcomesByCode } from "../services/ledger/record-outcomes.js";
import { requireLearner, requirePerson } from "./authenticate.js";

const personParams = z.strictObject({ personId: z.string().regex(/^lp-[0-9a-f-]{36}$/, "a ledger person id") });

/** The household ledger of a tổ công nghệ số: each resident once, and what each can now do. */
export async function ledgerRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({
    repos: app.services.repos,
    clock: app.services.clock,
    outcomeKinds: app.services.outcomeKinds,
    course: app.services.course,
    settings: app.services.assessment,
    areas: app.services.areas,
    key: app.services.certificateKey,
  });
  const tags = ["teams"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 60, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

  r.get(
    "/api/v1/teams/ledger",
    {
      config,
      schema: { tags, security, summary: "My team's household ledger (the newest 200) and its outcome kinds", response: { 200: ledgerSchema, ...errors } },
    },
    async (req) => listLedger(deps(), await requireLearner(req)),
  );
  r.post(
    "/api/v1/teams/ledger",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Record a household member without a smartphone: a name and household label only, their consent, what they can now do",
        body: householdPersonSchema,
        response: { 200: ledgerPersonSchema, ...errors },
      },
    },
    async (req) => recordHouseholdPerson(deps(), await requireLearner(req), req.body),
  );
  r.post(
    "/api/v1/teams/ledger/:personId/outcomes",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Record what a resident of my team's ledger can now do (each once)",
        params: personParams,
        body: outcomesRequestSchema,
        response: { 200: ledgerPersonSchema, ...errors },
      },
    },
    async (req) => recordOutcomes(deps(), await requireLearner(req), req.params.personId, req.body.outcomes),
  );
  r.delete(
    "/api/v1/teams/ledger/:personId",
    {
      config,
      schema: {
        tags,
        security,
        summary: "A household member without an account asked to be taken out: their name and household are blanked (audited)",
        params: personParams,
        response: { 200: erasedSchema, ...errors },
      },
    },
    async (req) => eraseHouseholdPerson(deps(), await requireLearner(req), req.params.personId),
  );
  r.post(
    "/api/v1/teams/ledger/:personId/merge",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Join a household member's row to their own account, with the code on their phone (their consent)",
        params: personParams,
        body: mergeRequestSchema.extend({ code: handsOnCodeParam }),
        response: { 200: ledgerPersonSchema, ...errors },
      },
    },
    async (req) => mergePerson(deps(), await requirePerson(req), req.params.personId, req.body.code),
  );
  r.post(
    "/api/v1/teams/hands-on/:code/outcomes",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Record what the resident showing this code can now do, in my team's ledger",
        params: z.strictObject({ code: handsOnCodeParam }),
        body: outcomesRequestSchema,
        response: { 200: ledgerPersonSchema, ...errors },
      },
    },
    async (req) => recordOutcomesByCode(deps(), await requirePerson(req), req.params.code, req.body.outcomes),
  );
}
