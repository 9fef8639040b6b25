import { randomUUID } from "node:crypto";
import type { RepositorySet } from "../../repositories/index.js";
import type { LedgerPersonRow } from "../../repositories/ledger.js";

export interface LearnerPersonFacts {
  teamId: number | null;
  communeCode: string;
  consentVersion: string;
  consentText: string;
  consentedAt: string;
  recordedBy: string;
}

/** The ledger row of a resident with an account: theirs if they have one, else made now (once: a learner has one row). */
export async function learnerPerson(repos: RepositorySet, learnerId: string, f: LearnerPersonFacts, now: string): Promise<LedgerPersonRow> {
  const mine = await repos.ledger.ofLearner(learnerId);
  if (mine) return mine;
  await repos.ledger.addPerson({
    id: `lp-${randomUUID()}`,
    learner_id: learnerId,
    team_id: f.teamId,
    commune_code: f.communeCode,
    name: null,
    household: null,
    consent_version: f.consentVersion,
    consent_text: f.consentText,
    consented_at: f.consentedAt,
    recorded_by: f.recordedBy,
    created_at: now,
    merged_into: null,
    learning_team_id: null,
    learning_commune: null,
  });
  return (await repos.ledger.ofLearner(learnerId))!;
}
