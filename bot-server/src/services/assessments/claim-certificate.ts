import type { MyCertificate } from "../../../../shared/schemas/assessment.js";
import { badRequest, conflict } from "../../lib/errors.js";
import type { CertificateRow } from "../../repositories/certificates.js";
import { CORE, skillTitle } from "../certificates/certificate-view.js";
import { issueCertificate } from "../certificates/issue-certificate.js";
import { myCommune } from "../local-lessons/area-lessons.js";
import type { AssessmentDeps } from "./assessment-deps.js";
import { skillCompletion } from "./skill-completion.js";
import { learnerPerson } from "../ledger/learner-person.js";
import { addOutcomes, markIfLearning } from "../ledger/ledger-deps.js";

/** A certificate is an outcome of the household ledger, recorded by the system (the resident's own claim). */
async function recordCertificateOutcome(deps: AssessmentDeps, learnerId: string, cert: CertificateRow): Promise<void> {
  const kind = deps.outcomeKinds.find((k) => k.automatic && !k.retired);
  if (!kind) return;
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const person = await learnerPerson(
      repos,
      learnerId,
      {
        teamId: cert.team_id === null ? null : Number(cert.team_id),
        communeCode: cert.commune_code,
        consentVersion: "self",
        consentText: "Người học tự nhận chứng nhận trên ứng dụng.",
        consentedAt: now,
        recordedBy: learnerId,
      },
      now,
    );
    await addOutcomes(repos, deps, person, [kind.id], learnerId);
    await markIfLearning(repos, learnerId);
  });
}

export function myCertificateView(deps: Pick<AssessmentDeps, "course">, verify: (code: string, signed: string) => string, r: CertificateRow): MyCertificate {
  return {
    code: r.code,
    skill: r.skill,
    skillTitle: skillTitle(deps.course, r.skill),
    name: r.name,
    issuedOn: r.issued_at.slice(0, 10),
    status: r.revoked_at ? "revoked" : "valid",
    revokeReason: r.revoke_reason,
    verifyUrl: verify(r.code, r.signed),
  };
}

/** The team the certificate names: the one the resident is credited to, else the one whose member confirmed the tasks last. */
async function teamOf(deps: AssessmentDeps, learnerId: string, skill: string) {
  const credit = await deps.repos.credits.ofResident(learnerId);
  const confirmed = (await deps.repos.handsOn.confirmations(learnerId, skill)).at(-1);
  const id = credit ? Number(credit.team_id) : confirmed ? confirmed.team_id : null;
  return id === null ? null : ((await deps.repos.teams.find(id)) ?? null);
}

/**
 * Issues the certificate of a completed skill, with the name as the resident gives it, and the one for all five
 * core skills when this completes them. Asked again, the certificates issued are given back, not issued twice.
 */
export async function claimCertificate(
  deps: AssessmentDeps,
  verify: (code: string, signed: string) => string,
  learnerId: string,
  req: { skill: string; name: string },
): Promise<MyCertificate[]> {
  const status = await skillCompletion(deps, learnerId, req.skill);
  if (!status.completed) {
    throw conflict(
      "skill_not_completed",
      status.assessment.passed ? "Bạn cần được thành viên tổ xác nhận đủ các việc thực hành." : "Bạn cần đạt bài kiểm tra cuối của kỹ năng này trước.",
    );
  }
  const team = await teamOf(deps, learnerId, req.skill);
  const commune = (await myCommune(deps, learnerId)).commune?.code ?? team?.commune_code ?? null;
  if (!commune) throw badRequest("commune_required", "Hãy chọn xã, phường nơi bạn sống trước khi nhận chứng nhận.");
  const base = { learnerId, name: req.name.normalize("NFC").trim(), communeCode: commune, team: team ? { id: Number(team.id), name: team.name } : null };
  const out = [await issueCertificate(deps, { ...base, skill: req.skill })];
  await recordCertificateOutcome(deps, learnerId, out[0]!);
  const core = deps.course.skills.filter((s) => s.core).map((s) => s.id);
  if (core.includes(req.skill)) {
    const held = await Promise.all(core.map((s) => deps.repos.certificates.ofLearner(learnerId, s)));
    if (held.every((c) => c && !c.revoked_at)) out.push(await issueCertificate(deps, { ...base, skill: CORE }));
  }
  return out.map((r) => myCertificateView(deps, verify, r));
}
