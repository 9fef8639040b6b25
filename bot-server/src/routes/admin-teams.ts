import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorSchema } from "../../../shared/schemas/api.js";
import { areaCodeSchema } from "../../../shared/schemas/admin.js";
import { createTeamSchema, nameLeaderSchema, personSchema, teamIdSchema, teamListSchema, teamSchema } from "../../../shared/schemas/team.js";
import { createTeam } from "../services/teams/create-team.js";
import { listTeams } from "../services/teams/list-teams.js";
import { nameLeader } from "../services/teams/name-leader.js";
import { adminActor } from "./admin-auth.js";
import { teamDeps } from "./teams.js";

/** Officials manage the teams of their area: create, name a leader, see % trained per team, commune and province. */
export async function adminTeamRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["admin"];
  const security = [{ session: [] }];
  const limit = { rateLimit: { max: 120, timeWindow: "1 minute" } };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  const deps = teamDeps(app);

  r.get(
    "/api/v1/admin/teams",
    {
      config: limit,
      schema: {
        tags,
        security,
        summary: "Teams of an area (default: all I see) with members trained",
        querystring: z.strictObject({ area: areaCodeSchema.optional() }),
        response: { 200: teamListSchema, ...errors },
      },
    },
    async (req) => listTeams(deps(), adminActor(req), req.query.area || undefined),
  );

  r.post(
    "/api/v1/admin/teams",
    {
      config: limit,
      schema: { tags, security, summary: "Create a team in a commune I manage; audited", body: createTeamSchema, response: { 200: teamSchema, ...errors } },
    },
    async (req) => createTeam(deps(), adminActor(req), req.body),
  );

  r.put(
    "/api/v1/admin/teams/:teamId/leader",
    {
      config: limit,
      schema: {
        tags,
        security,
        summary: "Name the team's leader (a member, or a person by Zalo id); audited",
        params: z.strictObject({ teamId: teamIdSchema }),
        body: nameLeaderSchema,
        response: { 200: personSchema, ...errors },
      },
    },
    async (req) => nameLeader(deps(), adminActor(req), req.params.teamId, req.body),
  );
}
