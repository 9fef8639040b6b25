import type { MemberView } from "../../../../shared/schemas/team.js";
import { requireLeaderOrOfficial } from "./leader-or-official.js";
import type { TeamActor, TeamDeps } from "./team-deps.js";

/**
 * A team's members with their progress in each core skill, for its leader and the officials over its commune.
 * Names and progress only: the app keeps no phone numbers.
 */
export async function listMembers(deps: TeamDeps, actor: TeamActor, teamId: number): Promise<{ members: MemberView[] }> {
  const { team } = await requireLeaderOrOfficial(deps, actor, teamId);
  const core = deps.catalog.skills.filter((s) => s.core).map((s) => ({ skillId: s.id, lessons: deps.catalog.lessonsOf(s.id).map((l) => l.id) }));
  const allCore = core.flatMap((s) => s.lessons);
  const [members, passedRows] = await Promise.all([deps.repos.teams.activeMembers(team.id), deps.repos.teams.lessonsPassedInTeam(team.id, allCore)]);
  const passed = new Map<string, Set<string>>();
  for (const r of passedRows) {
    let s = passed.get(r.learner_id);
    if (!s) passed.set(r.learner_id, (s = new Set()));
    s.add(r.lesson_id);
  }
  return {
    members: members.map((m) => {
      const mine = passed.get(m.learner_id) ?? new Set<string>();
      const skills = core.map((s) => ({ skillId: s.skillId, lessonsTotal: s.lessons.length, lessonsPassed: s.lessons.filter((id) => mine.has(id)).length }));
      return {
        learnerId: m.learner_id,
        name: m.name,
        role: m.role,
        joinedAt: m.joined_at,
        trained: allCore.length > 0 && allCore.every((id) => mine.has(id)),
        skills,
      };
    }),
  };
}
