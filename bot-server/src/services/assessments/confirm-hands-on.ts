import type { HandsOnPreview } from "../../../../shared/schemas/assessment.js";
import { AppError, badRequest, notFound } from "../../lib/errors.js";
import type { HandsOnCodeRow } from "../../repositories/hands-on.js";
import type { MembershipRow } from "../../repositories/teams.js";
import { shortName } from "../certificates/certificate-view.js";
import type { TeamActor } from "../teams/team-deps.js";
import { assessmentOf, type AssessmentDeps } from "./assessment-deps.js";
import { skillCompletion } from "./skill-completion.js";

const refused = (code: string, message: string) => new AppError(403, code, message);

/**
 * The code a resident shows, checked for the member who typed it: a live code, a member of a team, not the
 * member's own code, and not a resident credited to another team.
 */
export async function openCode(deps: AssessmentDeps, member: TeamActor, code: string): Promise<{ row: HandsOnCodeRow; membership: MembershipRow }> {
  const row = await deps.repos.handsOn.findCode(code);
  if (!row || Date.parse(row.expires_at) <= deps.clock.now().getTime())
    throw notFound("code_not_found", "Mã không đúng hoặc đã hết hạn. Nhờ người dân bấm hiện mã mới.");
  const membership = await deps.repos.teams.membershipOf(member.learnerId);
  if (!membership) throw refused("not_a_member", "Chỉ thành viên tổ công nghệ số mới xác nhận được phần thực hành.");
  if (row.learner_id === member.learnerId) throw refused("own_tasks", "Bạn không thể tự xác nhận phần thực hành của chính mình.");
  const credit = await deps.repos.credits.ofResident(row.learner_id);
  if (credit && Number(credit.team_id) !== Number(membership.team_id))
    throw refused("other_team", "Người dân này được ghi nhận cho một tổ khác. Hãy nhờ tổ đó xác nhận.");
  if (!(await deps.repos.handsOn.holdCode(row.code, member.learnerId)))
    throw refused("code_in_use", "Mã này đã được một thành viên tổ khác mở. Người dân hãy bấm hiện mã mới cho bạn.");
  return { row, membership };
}

async function preview(deps: AssessmentDeps, row: HandsOnCodeRow): Promise<HandsOnPreview> {
  const learner = await deps.repos.learners.findById(row.learner_id);
  const status = await skillCompletion(deps, row.learner_id, row.skill);
  const person = await deps.repos.ledger.ofLearner(row.learner_id);
  const outcomes = person ? (await deps.repos.ledger.outcomesOf([person.id])).map((o) => o.outcome) : [];
  return {
    code: row.code,
    resident: learner?.name_consent_at ? shortName(learner.name) : "Người học",
    skill: row.skill,
    skillTitle: status.skillTitle,
    expiresAt: row.expires_at,
    tasks: status.tasks,
    outcomes,
  };
}

/** What the member sees after typing the resident's code: whose tasks, and which are confirmed already. */
export async function previewHandsOn(deps: AssessmentDeps, member: TeamActor, code: string): Promise<HandsOnPreview> {
  return preview(deps, (await openCode(deps, member, code)).row);
}

/** The member watched the resident do these tasks on the resident's own phone: recorded once each, with the consent. */
export async function confirmHandsOn(deps: AssessmentDeps, member: TeamActor, code: string, taskIds: string[]): Promise<HandsOnPreview> {
  const { row, membership } = await openCode(deps, member, code);
  const a = assessmentOf(deps.course, row.skill);
  const unknown = taskIds.find((t) => !a.tasks.some((x) => x.id === t));
  if (unknown) throw badRequest("unknown_task", `Kỹ năng này không có việc thực hành “${unknown}”.`);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const added = await repos.handsOn.confirm(
      [...new Set(taskIds)].map((task_id) => ({
        learner_id: row.learner_id,
        skill: row.skill,
        task_id,
        member_id: member.learnerId,
        team_id: Number(membership.team_id),
        consent_version: row.consent_version,
        consented_at: row.consented_at,
        confirmed_at: now,
      })),
    );
    if (added.length)
      await repos.audit.append({
        actor: member.learnerId,
        action: "hands_on.confirm",
        target: `learner:${row.learner_id}`,
        area_code: membership.commune_code,
        before_state: null,
        after_state: JSON.stringify({ skill: row.skill, tasks: added, consent: row.consent_version }),
        at: now,
      });
  });
  return preview(deps, row);
}
