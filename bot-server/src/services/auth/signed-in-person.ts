import type { Repositories } from "../../repositories/index.js";
import type { LearnerRow } from "../../repositories/learners.js";
import { ERASED_PREFIX } from "../../repositories/personal-data.js";
import type { TeamActor } from "../teams/team-deps.js";

/** A person who erased their data keeps an anonymous row (their counts stay in the reports). */
export const isErased = (row: LearnerRow) => row.zalo_user_id.startsWith(ERASED_PREFIX);

/** The learner a verified session token was issued to, erased or not; undefined when there is no such learner. */
export function sessionLearner(deps: { repos: Repositories }, learnerId: string): Promise<LearnerRow | undefined> {
  return deps.repos.learners.findById(learnerId);
}

/** The signed-in person with their official roles (possibly none). */
export async function signedInPerson(deps: { repos: Repositories }, learner: LearnerRow): Promise<TeamActor> {
  return { id: learner.zalo_user_id, roles: await deps.repos.roles.ofUser(learner.zalo_user_id), learnerId: learner.id };
}
