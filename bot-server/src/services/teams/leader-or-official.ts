import { AppError } from "../../lib/errors.js";
import type { TeamRow } from "../../repositories/teams.js";
import { isOfficialOf, loadTeam } from "./team-officials.js";
import type { TeamActor, TeamDeps } from "./team-deps.js";

/**
 * Who may manage a team's members (invite, list, remove) and see its report: its leader, or an official over its
 * commune. A leader of another team is refused.
 */
export async function requireLeaderOrOfficial(
  deps: Pick<TeamDeps, "repos" | "areas">,
  actor: TeamActor,
  teamId: number,
): Promise<{ team: TeamRow; asLeader: boolean }> {
  const team = await loadTeam(deps, teamId);
  if (isOfficialOf(deps, actor, team)) return { team, asLeader: false };
  const m = await deps.repos.teams.membershipOf(actor.learnerId);
  if (m && m.team_id === team.id && m.role === "leader") return { team, asLeader: true };
  throw new AppError(403, "not_team_leader", "Chỉ tổ trưởng của tổ này hoặc cán bộ quản lý xã này mới làm được việc này.");
}
