import { AppError, conflict, notFound } from "../../lib/errors.js";
import type { TeamActor } from "../teams/team-deps.js";
import { openCode } from "../assessments/confirm-hands-on.js";
import type { AssessmentDeps } from "../assessments/assessment-deps.js";
import { learnerPerson } from "./learner-person.js";
import { addOutcomes, checkOutcomes, markIfLearning, membershipOrRefuse, type LedgerDeps } from "./ledger-deps.js";
import { ledgerView } from "./list-ledger.js";

/** A member ticks what a resident of their team's ledger can now do: each outcome once per resident. */
export async function recordOutcomes(deps: LedgerDeps, memberId: string, personId: string, outcomes: string[]) {
  const m = await membershipOrRefuse(deps, memberId);
  const person = await deps.repos.ledger.person(personId);
  if (!person || person.merged_into) throw notFound("person_not_found", "Không có người này trong sổ theo dõi.");
  if (person.team_id !== null && Number(person.team_id) !== Number(m.team_id))
    throw new AppError(403, "other_team", "Người này thuộc sổ theo dõi của một tổ khác.");
  // Someone with their own account is recorded beside them, with the code on their phone (their consent each time).
  if (person.learner_id !== null) throw conflict("use_code", "Người này có tài khoản riêng: hãy ghi ở “Xác nhận thực hành” bằng mã trên điện thoại của họ.");
  const ok = checkOutcomes(deps.outcomeKinds, outcomes);
  await deps.repos.transaction((repos) => addOutcomes(repos, deps, person, ok, memberId));
  return (await ledgerView(deps, [(await deps.repos.ledger.person(personId))!]))[0]!;
}

/**
 * The same for a resident with an account, beside the member with their code on screen (their consent to the
 * hands-on check and the ledger): their ledger row is made with the member's team the first time.
 */
export async function recordOutcomesByCode(deps: LedgerDeps & AssessmentDeps, member: TeamActor, code: string, outcomes: string[]) {
  const { row, membership } = await openCode(deps, member, code);
  const ok = checkOutcomes(deps.outcomeKinds, outcomes);
  const now = deps.clock.now().toISOString();
  const id = await deps.repos.transaction(async (repos) => {
    const person = await learnerPerson(
      repos,
      row.learner_id,
      {
        teamId: Number(membership.team_id),
        communeCode: membership.commune_code,
        consentVersion: row.consent_version,
        consentText: row.consent_text,
        consentedAt: row.consented_at,
        recordedBy: member.learnerId,
      },
      now,
    );
    await addOutcomes(repos, deps, person, ok, member.learnerId);
    await markIfLearning(repos, row.learner_id);
    return person.id;
  });
  return (await ledgerView(deps, [(await deps.repos.ledger.person(id))!]))[0]!;
}
