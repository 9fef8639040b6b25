import { randomBytes } from "node:crypto";
import { HANDS_ON_CODE_MINUTES, HANDS_ON_CONSENT } from "../../../../shared/constants/assessment.js";
import type { HandsOnCode } from "../../../../shared/schemas/assessment.js";
import { conflict } from "../../lib/errors.js";
import { assessmentOf, type AssessmentDeps } from "./assessment-deps.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The resident agreed to have a tổ member confirm their hands-on tasks: a code for 15 minutes that the member types
 * or scans, with the consent text kept. A new code replaces the resident's older ones for the skill.
 */
export async function handsOnCode(deps: AssessmentDeps, learnerId: string, skill: string, consentVersion: string): Promise<HandsOnCode> {
  assessmentOf(deps.course, skill);
  if (consentVersion !== HANDS_ON_CONSENT.version) throw conflict("consent_outdated", "Nội dung đồng ý đã thay đổi. Hãy đọc lại và bấm đồng ý.");
  const now = deps.clock.now();
  const code = [...randomBytes(6)].map((b) => ALPHABET[b % 32]).join("");
  const expiresAt = new Date(now.getTime() + HANDS_ON_CODE_MINUTES * 60_000).toISOString();
  await deps.repos.transaction(async (repos) => {
    await repos.handsOn.dropCodes(learnerId, skill);
    await repos.handsOn.addCode({
      code,
      learner_id: learnerId,
      skill,
      consent_version: HANDS_ON_CONSENT.version,
      consent_text: HANDS_ON_CONSENT.text,
      consented_at: now.toISOString(),
      expires_at: expiresAt,
      member_id: null,
    });
  });
  return { code, expiresAt, skill };
}
