import { CREDIT_CONSENT, type CreditStatus } from "../../../../shared/schemas/team.js";
import { badRequest, conflict, notFound } from "../../lib/errors.js";
import type { TeamDeps } from "./team-deps.js";
import { withLearnerRollups } from "../reports/rollups.js";

interface Source {
  teamId: number;
  teamName: string;
  memberId: string | null;
  memberName: string | null;
}

/** The team (and member, for a personal code) behind a ref code, or null when it is no team's. */
async function sourceOf(deps: TeamDeps, ref: string): Promise<Source | null> {
  const member = await deps.repos.teams.memberByRef(ref);
  if (member) {
    const team = await deps.repos.teams.find(Number(member.team_id));
    if (team) return { teamId: Number(team.id), teamName: team.name, memberId: member.learner_id, memberName: member.name };
  }
  const team = await deps.repos.teams.findByRef(ref);
  return team ? { teamId: Number(team.id), teamName: team.name, memberId: null, memberName: null } : null;
}

const consent = { version: CREDIT_CONSENT.version, text: CREDIT_CONSENT.text };

/** Whether the consent screen is to be shown: a resident who came through a team's or member's code and is not credited. */
export async function getCreditStatus(deps: TeamDeps, residentId: string, ref?: string): Promise<CreditStatus> {
  const done = await deps.repos.credits.ofResident(residentId);
  if (done) {
    const team = await deps.repos.teams.find(Number(done.team_id));
    return { state: "credited", teamName: team?.name ?? null, memberName: null, consent };
  }
  // Only the code the person first opened the app with counts (kept at their first sign-in): a code scanned later
  // by someone already learning credits no one.
  const learner = await deps.repos.learners.findById(residentId);
  const stored = learner ? learner.ref_code : (ref ?? null);
  const src = stored ? await sourceOf(deps, stored) : null;
  if (!src || src.memberId === residentId) return { state: "none", teamName: null, memberName: null, consent };
  return { state: "open", teamName: src.teamName, memberName: src.memberName, consent };
}

/** The resident agreed on the consent screen: credit their first ref's member and team, once, with the consent kept. */
export async function creditResident(deps: TeamDeps, residentId: string, req: { ref: string; consentVersion: string }) {
  if (req.consentVersion !== CREDIT_CONSENT.version) throw conflict("consent_outdated", "Nội dung đồng ý đã thay đổi. Hãy đọc lại và bấm đồng ý.");
  if (await deps.repos.credits.ofResident(residentId))
    throw conflict("already_credited", "Bạn đã được ghi nhận cho một tổ rồi. Mỗi người chỉ được ghi nhận một lần.");
  // The ref that counts is the one the resident first opened the app with (stored at their first sync; first wins).
  const learner = await deps.repos.learners.findById(residentId);
  if (!learner) throw notFound("learner_not_found", "Không tìm thấy tài khoản của bạn. Vui lòng đăng nhập lại.");
  const src = await sourceOf(deps, req.ref);
  if (!src) throw notFound("ref_not_found", "Mã này không thuộc tổ công nghệ số nào.");
  if (src.memberId === residentId) throw conflict("self_credit", "Bạn không thể tự ghi nhận cho chính mình.");
  if (learner.ref_code === null) throw badRequest("not_first_open", "Bạn đã dùng ứng dụng từ trước khi quét mã này, nên không ghi nhận cho tổ nào.");
  if (learner.ref_code !== req.ref) throw badRequest("ref_mismatch", "Bạn đã mở ứng dụng lần đầu qua một mã khác, nên không ghi nhận theo mã này.");
  const now = deps.clock.now().toISOString();
  const ok = await deps.repos.transaction(async (repos) => {
    const inserted = await withLearnerRollups(repos, deps.catalog, residentId, () =>
      repos.credits.insert({
        resident_id: residentId,
        member_id: src.memberId,
        team_id: src.teamId,
        ref_code: req.ref,
        consent_version: CREDIT_CONSENT.version,
        consent_text: CREDIT_CONSENT.text,
        consented_at: now,
      }),
    );
    return inserted;
  });
  if (!ok) throw conflict("already_credited", "Bạn đã được ghi nhận cho một tổ rồi. Mỗi người chỉ được ghi nhận một lần.");
  return { credited: true as const, teamName: src.teamName };
}
