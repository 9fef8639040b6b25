import { AppError, conflict, notFound } from "../../lib/errors.js";
import type { RepositorySet } from "../../repositories/index.js";
import type { AssessmentDeps } from "../assessments/assessment-deps.js";
import { openCode } from "../assessments/confirm-hands-on.js";
import type { TeamActor } from "../teams/team-deps.js";
import { digitalKinds, markIfLearning, type LedgerDeps } from "./ledger-deps.js";
import { ledgerView } from "./list-ledger.js";

/** Checked inside the transaction that merges, so that a change made meanwhile is seen. */
async function mergeable(repos: RepositorySet, personId: string, teamId: number) {
  const person = await repos.ledger.person(personId);
  if (!person || person.merged_into) throw notFound("person_not_found", "Không có người này trong sổ theo dõi.");
  if (person.learner_id !== null) throw conflict("already_has_account", "Người này đã được gắn với một tài khoản.");
  if (Number(person.team_id) !== teamId) throw new AppError(403, "other_team", "Người này thuộc sổ theo dõi của một tổ khác.");
  return person;
}

/**
 * A household member recorded without a smartphone has since signed in with their own Zalo: beside the member,
 * they show their code (their consent), and their household row joins their account. Its outcomes move to the
 * account's row if there is one (the earlier date of each kept): the person is counted once.
 */
export async function mergePerson(deps: LedgerDeps & AssessmentDeps, member: TeamActor, personId: string, code: string) {
  const { row, membership } = await openCode(deps, member, code);
  const into = await deps.repos.transaction(async (repos) => {
    const person = await mergeable(repos, personId, Number(membership.team_id));
    // The account has no row yet: the household row becomes it (unless one was made meanwhile: then merge).
    let theirs = await repos.ledger.ofLearner(row.learner_id);
    if (!theirs && (await repos.ledger.attachLearner(person.id, row.learner_id))) {
      await markIfLearning(repos, row.learner_id);
      return person.id;
    }
    theirs ??= await repos.ledger.ofLearner(row.learner_id);
    if (!theirs) throw conflict("merge_busy", "Chưa gắn được. Hãy thử lại.");
    await repos.ledger.mergeInto(person.id, theirs.id);
    await repos.ledger.refreshFlags(theirs.id, digitalKinds(deps.outcomeKinds));
    await markIfLearning(repos, row.learner_id);
    return theirs.id;
  });
  return (await ledgerView(deps, [(await deps.repos.ledger.person(into))!]))[0]!;
}
