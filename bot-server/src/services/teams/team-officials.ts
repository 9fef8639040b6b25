import { notFound } from "../../lib/errors.js";
import type { TeamRow } from "../../repositories/teams.js";
import { actorCovers, type Actor } from "../admin/access.js";
import type { TeamDeps } from "./team-deps.js";

export async function loadTeam(deps: Pick<TeamDeps, "repos">, teamId: number): Promise<TeamRow> {
  const team = await deps.repos.teams.find(teamId);
  if (!team) throw notFound("team_not_found", "Không tìm thấy tổ này.");
  return team;
}

/** Officials whose area covers the team's commune (the operator, its province's officials, its commune's). */
export function isOfficialOf(deps: Pick<TeamDeps, "areas">, actor: Actor, team: TeamRow): boolean {
  return actorCovers(actor, team.commune_code, deps.areas);
}
