import type { TeamDeps } from "./team-deps.js";
import { toVisitView } from "./record-visit.js";

/** The member's latest 20 household visits, newest first. */
export async function listMyVisits(deps: Pick<TeamDeps, "repos">, learnerId: string) {
  return { visits: (await deps.repos.visits.ofMember(learnerId, 20)).map(toVisitView) };
}
