import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import {
  creditQuerySchema,
  creditRequestSchema,
  creditResultSchema,
  creditStatusSchema,
  invitePreviewSchema,
  inviteSchema,
  joinRequestSchema,
  membersSchema,
  myTeamSchema,
  teamIdSchema,
  visitRequestSchema,
  visitSchema,
  visitsSchema,
} from "../../../shared/schemas/team.js";
import { joinedTeamSchema, memberRemovedSchema } from "../../../shared/schemas/responses/teams.js";
import { loadVisitKinds } from "../../../shared/visit-kinds.js";
import { creditResident, getCreditStatus } from "../services/teams/credit-resident.js";
import { getMyTeam } from "../services/teams/get-my-team.js";
import { listMyVisits } from "../services/teams/list-my-visits.js";
import { createInvite, joinTeam, previewInvite } from "../services/teams/join-team.js";
import { listMembers } from "../services/teams/list-members.js";
import { recordVisit } from "../services/teams/record-visit.js";
import { removeMember } from "../services/teams/remove-member.js";
import type { TeamDeps } from "../services/teams/team-deps.js";
import { requireLearner, requirePerson } from "./authenticate.js";

/** The deps of the team services, built from the app's decorators. */
export function teamDeps(app: FastifyInstance, visitKinds = loadVisitKinds()): () => TeamDeps {
  return () => ({
    repos: app.services.repos,
    areas: app.services.areas,
    clock: app.services.clock,
    invites: app.services.invites,
    catalog: app.services.catalog,
    visitKinds,
    homeLink: app.links.home(),
  });
}

/** Tổ công nghệ số cộng đồng, for its members and leaders: my team, invites, members, visits, and residents' credit. */
export async function teamRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["teams"];
  const security = [{ session: [] }];
  const config = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 410: errorSchema };
  const deps = teamDeps(app);
  const teamParams = z.strictObject({ teamId: teamIdSchema });

  r.get(
    "/api/v1/me/team",
    {
      config,
      schema: {
        tags,
        security,
        summary: "My team, role and personal ref code (team: null when I am in none), and the visit kinds",
        response: { 200: myTeamSchema, ...errors },
      },
    },
    async (req) => getMyTeam(deps(), await requireLearner(req)),
  );

  // POST, not GET: an unused invite code stays out of URLs and access logs.
  r.post(
    "/api/v1/teams/invites/preview",
    {
      config,
      schema: {
        tags,
        security,
        summary: "What an invite leads to (team name and commune), before joining",
        body: joinRequestSchema,
        response: { 200: invitePreviewSchema, ...errors },
      },
    },
    async (req) => {
      await requireLearner(req);
      return previewInvite(deps(), req.body.code);
    },
  );

  r.post(
    "/api/v1/teams/join",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Join a team with a signed, single-use invite code",
        body: joinRequestSchema,
        response: { 200: joinedTeamSchema, ...errors },
      },
    },
    async (req) => {
      const actor = await requirePerson(req);
      return joinTeam(deps(), actor, req.body.code);
    },
  );

  r.post(
    "/api/v1/teams/:teamId/invites",
    {
      config,
      schema: {
        tags,
        security,
        summary: "A new single-use invite (7 days), by the team's leader or an official over its commune",
        params: teamParams,
        response: { 200: inviteSchema, ...errors },
      },
    },
    async (req) => createInvite(deps(), await requirePerson(req), req.params.teamId),
  );

  r.get(
    "/api/v1/teams/:teamId/members",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Members with their progress in the core skills (names only, never phone numbers)",
        params: teamParams,
        response: { 200: membersSchema, ...errors },
      },
    },
    async (req) => listMembers(deps(), await requirePerson(req), req.params.teamId),
  );

  r.delete(
    "/api/v1/teams/:teamId/members/:learnerId",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Remove a member (the leader, or an official over the commune); audited",
        params: z.strictObject({ teamId: teamIdSchema, learnerId: z.string().min(1).max(64) }),
        response: { 200: memberRemovedSchema, ...errors },
      },
    },
    async (req) => {
      await removeMember(deps(), await requirePerson(req), req.params.teamId, req.params.learnerId);
      return { removed: true as const };
    },
  );

  r.post(
    "/api/v1/me/visits",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Record a household visit (a retry with the same id is answered with the stored visit)",
        body: visitRequestSchema,
        response: { 200: visitSchema, ...errors },
      },
    },
    async (req) => recordVisit(deps(), await requireLearner(req), req.body),
  );

  r.get("/api/v1/me/visits", { config, schema: { tags, security, summary: "My latest 20 visits", response: { 200: visitsSchema, ...errors } } }, async (req) =>
    listMyVisits(deps(), await requireLearner(req)),
  );

  r.get(
    "/api/v1/me/credit",
    {
      config,
      schema: {
        tags,
        security,
        summary: "Whether to ask my consent to be credited to the team whose code I opened the app with",
        querystring: creditQuerySchema,
        response: { 200: creditStatusSchema, ...errors },
      },
    },
    async (req) => getCreditStatus(deps(), await requireLearner(req), req.query.ref),
  );

  r.post(
    "/api/v1/me/credit",
    {
      config,
      schema: {
        tags,
        security,
        summary: "I agree: credit me to that member and team, once (consent text and version kept)",
        body: creditRequestSchema,
        response: { 200: creditResultSchema, ...errors },
      },
    },
    async (req) => creditResident(deps(), await requireLearner(req), req.body),
  );
}
