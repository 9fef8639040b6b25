import { conflict, notFound } from "../../lib/errors.js";
import { withLearnerRollups } from "../reports/rollups.js";
import { requireLeaderOrOfficial } from "./leader-or-official.js";
import type { TeamActor, TeamDeps } from "./team-deps.js";

/** The team's leader (or an official over its commune) removes a member; the membership row stays, marked removed. */
export async function removeMember(deps: TeamDeps, actor: TeamActor, teamId: number, learnerId: string): Promise<void> {
  const { team, asLeader } = await requireLeaderOrOfficial(deps, actor, teamId);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const member = (await repos.teams.activeMembers(team.id)).find((m) => m.learner_id === learnerId);
    if (!member) throw notFound("member_not_found", "Người này không phải thành viên của tổ.");
    if (asLeader && member.learner_id === actor.learnerId)
      throw conflict("leader_cannot_leave", "Tổ trưởng không tự rời tổ được. Cán bộ xã cần cử tổ trưởng khác trước.");
    await withLearnerRollups(repos, deps.catalog, learnerId, () => repos.teams.remove(team.id, learnerId, actor.id, now));
    await repos.audit.append({
      actor: actor.id,
      action: "team.member_remove",
      target: member.zalo_user_id,
      area_code: team.commune_code,
      before_state: JSON.stringify({ teamId: team.id, role: member.role, joinedAt: member.joined_at }),
      after_state: null,
      at: now,
    });
  });
}
