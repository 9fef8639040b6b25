import { randomUUID } from "node:crypto";
import { stripUnsafeText } from "../../../shared/lib/unsafe-text.js";
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
  log?: { warn(obj: object, msg: string): void };
}

export const ANONYMOUS_NAME = "Người học";

export function toLearner(row: LearnerRow): Learner {
  return { id: row.id, name: row.name, refCode: row.ref_code, nameSaved: row.name_consent_at !== null };
}

/**
 * Checks the Zalo user token with the Graph API, records the learner, and issues a session token. The name is
 * kept only once the person agreed to share it (zmp-sdk authorize scope.userInfo, said by `userInfoConsent`);
 * until then they are "Người học". Whether user_id_by_oa came is noted for /health (the mini app linked to the OA).
 */
export async function signIn(deps: SignInDeps, accessToken: string, userInfoConsent = false): Promise<SignInResponse> {
  const profile = await deps.graph.me(accessToken);
  const now = deps.clock.now().toISOString();
  let row = await deps.repos.learners.findByZaloUserId(profile.id);
  const consentAt = userInfoConsent ? now : (row?.name_consent_at ?? null);
  // Zalo gives a name only after consent (Graph API "name"); with consent but no name yet, the old one stays.
  // Zalo's display name as shown, less hidden and direction-changing characters (they would reorder a roster).
  const given = profile.name ? stripUnsafeText(profile.name).trim().slice(0, 100) : "";
  const name = consentAt && given ? given : (row?.name ?? ANONYMOUS_NAME);
  if (!row) {
    await deps.repos.learners.insert({
      id: randomUUID(),
      zalo_user_id: profile.id,
      name,
      id_by_oa: profile.idByOA,
      ref_code: null,
      created_at: now,
      updated_at: now,
      name_consent_at: consentAt,
    });
    // Re-read: a concurrent first sign-in of the same person may have inserted first.
    row = await deps.repos.learners.findByZaloUserId(profile.id);
  } else if (row.name !== name || row.id_by_oa !== profile.idByOA || (userInfoConsent && !row.name_consent_at)) {
    await deps.repos.learners.updateProfile(row.id, name, profile.idByOA, now, userInfoConsent ? now : undefined);
    row = { ...row, name, id_by_oa: profile.idByOA, name_consent_at: consentAt };
  }
  if (!row) throw new Error("learner row missing after insert");
  await noteOaLink(deps, profile.idByOA !== null, now);
  return { ...deps.sessions.issue(row.id), learner: toLearner(row) };
}

export const OA_LINK_KEY = "miniapp_oa_link";

/** Remembers whether sign-ins bring user_id_by_oa (one write the first time each way, none after). */
async function noteOaLink(deps: SignInDeps, linked: boolean, now: string): Promise<void> {
  const state = await deps.repos.oaState.get<{ linked: boolean }>(OA_LINK_KEY);
  if (state?.value.linked === linked || (state?.value.linked && !linked)) return;
  await deps.repos.oaState.set(OA_LINK_KEY, { linked }, now);
  if (!linked)
    deps.log?.warn(
      {},
      "a sign-in came without user_id_by_oa: link the mini app to the OA in Zalo's settings, or the OA cannot find mini app users (news, the chat's \"Học kỹ năng số\")",
    );
}
