import type { MyTeam } from "../../../../shared/schemas/team.js";
import { communeName } from "../areas.js";
import type { TeamDeps } from "./team-deps.js";

/** "Tổ của tôi": my team, my role and personal ref code, my counts, and the visit kinds (from the data file). */
export async function getMyTeam(deps: TeamDeps, learnerId: string): Promise<MyTeam> {
  const visitKinds = deps.visitKinds.filter((k) => !k.retired);
  const m = await deps.repos.teams.membershipOf(learnerId);
  if (!m) return { team: null, visitKinds };
  const [visits, residentsCredited] = await Promise.all([deps.repos.visits.countByMember(learnerId), deps.repos.credits.countByMember(learnerId)]);
  return {
    team: {
      id: Number(m.team_id),
      name: m.team_name,
      communeName: communeName(deps.areas, m.commune_code),
      refCode: m.team_ref_code,
      role: m.role,
      myRefCode: m.ref_code,
      myLink: `${deps.homeLink}?ref=${encodeURIComponent(m.ref_code)}`,
      joinedAt: m.joined_at,
      visits,
      residentsCredited,
    },
    visitKinds,
  };
}
