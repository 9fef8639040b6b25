import { randomUUID } from "node:crypto";
import type { Learner, SignInResponse } from "../../../shared/schemas/api.js";
import type { Clock } from "../lib/clock.js";
import type { SessionTokens } from "../lib/session.js";
import type { LearnerRow } from "../repositories/learners.js";
import type { Repositories } from "../repositories/index.js";
import type { GraphClient } from "../zalo/graph-client.js";

export interface SignInDeps {
  repos: Repositories;
  graph: GraphClient;
  sessions: SessionTokens;
  clock: Clock;
}

export function toLearner(row: LearnerRow): Learner {
  return { id: row.id, name: row.name, refCode: row.ref_code };
}

/** Checks the Zalo user token with the Graph API, records the learner, and issues a session token. */
export async function signIn(deps: SignInDeps, accessToken: string): Promise<SignInResponse> {
  const profile = await deps.graph.me(accessToken);
  const now = deps.clock.now().toISOString();
  let row = await deps.repos.learners.findByZaloUserId(profile.id);
  if (!row) {
    await deps.repos.learners.insert({
      id: randomUUID(),
      zalo_user_id: profile.id,
      name: profile.name,
      id_by_oa: profile.idByOA,
      ref_code: null,
      created_at: now,
      updated_at: now,
    });
    // Re-read: a concurrent first sign-in of the same person may have inserted first.
    row = await deps.repos.learners.findByZaloUserId(profile.id);
  } else if (row.name !== profile.name || row.id_by_oa !== profile.idByOA) {
    await deps.repos.learners.updateProfile(row.id, profile.name, profile.idByOA, now);
    row = { ...row, name: profile.name, id_by_oa: profile.idByOA };
  }
  if (!row) throw new Error("learner row missing after insert");
  return { ...deps.sessions.issue(row.id), learner: toLearner(row) };
}
