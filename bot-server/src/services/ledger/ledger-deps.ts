import type { OutcomeKind } from "../../../../shared/schemas/ledger.js";
import type { Clock } from "../../lib/clock.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { Repositories, RepositorySet } from "../../repositories/index.js";
import type { MembershipRow } from "../../repositories/teams.js";
import type { LedgerPersonRow } from "../../repositories/ledger.js";
import { vietnamDate } from "../../../../shared/lib/vietnam-time.js";

export interface LedgerDeps {
  repos: Repositories;
  clock: Clock;
  outcomeKinds: OutcomeKind[];
}

export const notInTeam = () => new AppError(403, "not_a_member", "Chỉ thành viên tổ công nghệ số mới ghi vào sổ theo dõi được.");

export async function membershipOrRefuse(deps: Pick<LedgerDeps, "repos">, learnerId: string): Promise<MembershipRow> {
  const m = await deps.repos.teams.membershipOf(learnerId);
  if (!m) throw notInTeam();
  return m;
}

/** Outcomes a member may tick: known, not retired, not the system's own (a certificate). */
export function checkOutcomes(kinds: OutcomeKind[], outcomes: string[]): string[] {
  const open = new Set(kinds.filter((k) => !k.retired && !k.automatic).map((k) => k.id));
  const unique = [...new Set(outcomes)];
  const bad = unique.find((o) => !open.has(o));
  if (bad !== undefined) throw badRequest("unknown_outcome", "Có việc không có trong danh sách của sổ theo dõi. Hãy chọn lại.");
  return unique;
}

/** After a ledger write for a resident with an account: if they are credited to a team and learn, their rows say so. */
export async function markIfLearning(repos: RepositorySet, learnerId: string): Promise<void> {
  const credit = await repos.credits.ofResident(learnerId);
  if (!credit || !(await repos.reportRollups.learning(learnerId)).completions.length) return;
  const team = await repos.teams.find(Number(credit.team_id));
  if (team) await repos.ledger.markLearning(learnerId, Number(team.id), team.commune_code);
}

/** Records outcomes for a person, each once; the day is today in Vietnam. Returns those newly recorded. */
export async function addOutcomes(
  repos: RepositorySet,
  deps: { clock: Clock; outcomeKinds: OutcomeKind[] },
  person: Pick<LedgerPersonRow, "id" | "commune_code" | "team_id">,
  outcomes: string[],
  by: string,
): Promise<string[]> {
  const now = deps.clock.now();
  const added = await repos.ledger.addOutcomes(
    outcomes.map((outcome) => ({
      person_id: person.id,
      outcome,
      commune_code: person.commune_code,
      team_id: person.team_id === null ? null : Number(person.team_id),
      achieved_on: vietnamDate(now),
      recorded_by: by,
      recorded_at: now.toISOString(),
    })),
  );
  if (added.length) await repos.ledger.refreshFlags(person.id, digitalKinds(deps.outcomeKinds));
  return added;
}

export const digitalKinds = (kinds: OutcomeKind[]) => kinds.filter((k) => k.digitalUser).map((k) => k.id);
