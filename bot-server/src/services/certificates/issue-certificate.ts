import { randomBytes } from "node:crypto";
import { vietnamDate } from "../../../../shared/lib/vietnam-time.js";
import type { CertificateKey } from "../../lib/certificate-signing.js";
import type { Clock } from "../../lib/clock.js";
import type { CertificateRow } from "../../repositories/certificates.js";
import type { Repositories } from "../../repositories/index.js";
import { shortName } from "./certificate-view.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 12 characters of Crockford's base 32 (no I, L, O, U: read aloud or typed without mistakes), 60 random bits. */
export function certificateCode(): string {
  return [...randomBytes(12)].map((b) => ALPHABET[b % 32]).join("");
}

export interface IssueRequest {
  learnerId: string;
  /** As the resident gave it. */
  name: string;
  /** A skill's id, or "core". */
  skill: string;
  communeCode: string;
  team: { id: number; name: string } | null;
}

/**
 * Issues the certificate of a completed skill, once per learner and skill (asked again, the one issued is given),
 * signed so that its QR code can be checked offline with the published key.
 */
export async function issueCertificate(deps: { repos: Repositories; clock: Clock; key: CertificateKey }, req: IssueRequest): Promise<CertificateRow> {
  const now = deps.clock.now();
  const code = certificateCode();
  const signed = deps.key.sign({ c: code, n: shortName(req.name), s: req.skill, d: vietnamDate(now), a: req.communeCode });
  await deps.repos.certificates.add({
    code,
    learner_id: req.learnerId,
    name: req.name,
    skill: req.skill,
    commune_code: req.communeCode,
    team_id: req.team?.id ?? null,
    team_name: req.team?.name ?? null,
    issued_at: now.toISOString(),
    signed,
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  });
  return (await deps.repos.certificates.ofLearner(req.learnerId, req.skill))!;
}
