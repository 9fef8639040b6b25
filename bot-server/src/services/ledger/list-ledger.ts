import type { LedgerPerson } from "../../../../shared/schemas/ledger.js";
import type { LedgerPersonRow } from "../../repositories/ledger.js";
import { shortName } from "../certificates/certificate-view.js";
import { membershipOrRefuse, type LedgerDeps } from "./ledger-deps.js";

/** People as the team sees them: household members by the name recorded; residents with an account by their name shortened. */
export async function ledgerView(deps: Pick<LedgerDeps, "repos" | "outcomeKinds">, rows: LedgerPersonRow[]): Promise<LedgerPerson[]> {
  const order = new Map(deps.outcomeKinds.map((k, i) => [k.id, i]));
  // By day, and within a day in the order of outcome-kinds.yaml.
  const outcomes = (await deps.repos.ledger.outcomesOf(rows.map((r) => r.id))).sort(
    (a, b) => a.achieved_on.localeCompare(b.achieved_on) || (order.get(a.outcome) ?? 99) - (order.get(b.outcome) ?? 99),
  );
  const out: LedgerPerson[] = [];
  for (const r of rows) {
    const learner = r.learner_id ? await deps.repos.learners.findById(r.learner_id) : undefined;
    out.push({
      id: r.id,
      name: r.name ?? (learner?.name_consent_at ? shortName(learner.name) : "Người học"),
      household: r.household,
      hasAccount: r.learner_id !== null,
      outcomes: outcomes.filter((o) => o.person_id === r.id).map((o) => ({ kind: o.outcome, achievedOn: o.achieved_on })),
      createdAt: r.created_at,
    });
  }
  return out;
}

/** The team's household ledger, newest first (200), with the outcome kinds. */
export async function listLedger(deps: LedgerDeps, memberId: string) {
  const m = await membershipOrRefuse(deps, memberId);
  return { people: await ledgerView(deps, await deps.repos.ledger.ofTeam(Number(m.team_id), 200)), kinds: deps.outcomeKinds.filter((k) => !k.retired) };
}
