import type { NameLeader } from "../../../../shared/schemas/team.js";
import { conflict, notFound } from "../../lib/errors.js";
import { forbidden, type Actor } from "../admin/access.js";
import type { TeamDeps } from "./team-deps.js";
import { isOfficialOf, loadTeam } from "./team-officials.js";

/**
 * Names a team's leader (a team has one) among its active members, by learner id or Zalo id: only someone who
 * joined the team with an invite (and so agreed to be in it) can lead it; nobody is put into a team by an official,
 * and an erased person is in no team. The former leader stays a member. Officials over the team's commune only; audited.
 */
export async function nameLeader(deps: TeamDeps, actor: Actor, teamId: number, who: NameLeader): Promise<{ learnerId: string; name: string }> {
  const team = await loadTeam(deps, teamId);
  if (!isOfficialOf(deps, actor, team)) throw forbidden("Bạn chỉ cử tổ trưởng cho tổ trong xã/phường mình quản lý.");
  const person = "learnerId" in who ? await deps.repos.learners.findById(who.learnerId) : await deps.repos.learners.findByZaloUserId(who.zaloUserId);
  if (!person) throw notFound("person_not_found", "Không tìm thấy người này trong tổ. Hãy gửi mã mời để họ vào tổ trước.");
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const current = await repos.teams.membershipOf(person.id);
    if (current && current.team_id !== team.id) throw conflict("in_another_team", "Người này đang ở một tổ khác. Tổ đó cần cho họ rời tổ trước.");
    if (!current) throw conflict("not_a_member", "Người này chưa vào tổ. Hãy gửi mã mời để họ vào tổ, rồi cử họ làm tổ trưởng.");
    if (current.role === "leader") throw conflict("already_leader", "Người này đã là tổ trưởng của tổ.");
    const before = (await repos.teams.activeMembers(team.id)).find((m) => m.role === "leader");
    if (before) await repos.teams.setRole(team.id, before.learner_id, "member");
    await repos.teams.setRole(team.id, person.id, "leader");
    await repos.audit.append({
      actor: actor.id,
      action: "team.leader",
      target: person.zalo_user_id,
      area_code: team.commune_code,
      before_state: JSON.stringify({ teamId: team.id, leader: before?.zalo_user_id ?? null }),
      after_state: JSON.stringify({ teamId: team.id, leader: person.zalo_user_id }),
      at: now,
    });
  });
  return { learnerId: person.id, name: person.name };
}
