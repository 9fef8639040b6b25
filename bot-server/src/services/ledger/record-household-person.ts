import { randomUUID } from "node:crypto";
import { HOUSEHOLD_CONSENT } from "../../../../shared/constants/assessment.js";
import { householdLabel, householdProblem, personNameProblem } from "../../../../shared/lib/team-rules.js";
import type { HouseholdPersonRequest } from "../../../../shared/schemas/ledger.js";
import { badRequest, conflict } from "../../lib/errors.js";
import { addOutcomes, checkOutcomes, membershipOrRefuse, type LedgerDeps } from "./ledger-deps.js";
import { ledgerView } from "./list-ledger.js";

const NAME_REFUSALS = {
  missing: "Hãy ghi tên người được hỗ trợ (ít nhất 2 chữ).",
  too_long: "Tên dài quá. Hãy ghi ngắn gọn hơn.",
  not_a_name: "Tên chỉ gồm chữ cái. Không ghi số căn cước, số điện thoại hay ký hiệu.",
} as const;

/**
 * A tổ member records a household member without a smartphone: a name and a household label only (never an ID or
 * phone number), with the consent the member read to them, and what they can now do. A retried request with the
 * same id is answered with the stored row.
 */
export async function recordHouseholdPerson(deps: LedgerDeps, memberId: string, req: HouseholdPersonRequest) {
  const m = await membershipOrRefuse(deps, memberId);
  if (req.consentVersion !== HOUSEHOLD_CONSENT.version) throw conflict("consent_outdated", "Nội dung đồng ý đã thay đổi. Hãy đọc lại cho người dân nghe.");
  const nameProblem = personNameProblem(req.name);
  if (nameProblem) throw badRequest(`name_${nameProblem}`, NAME_REFUSALS[nameProblem]);
  const hp = householdProblem(req.household);
  if (hp) throw badRequest(`household_${hp}`, 'Hãy ghi tên gọi hoặc địa chỉ của hộ (ví dụ "Nhà bác Tư, xóm 3"), không ghi số căn cước hay số điện thoại.');
  const outcomes = checkOutcomes(deps.outcomeKinds, req.outcomes);
  const now = deps.clock.now().toISOString();
  const id = `lp-${req.id}`;
  await deps.repos.transaction(async (repos) => {
    const added = await repos.ledger.addPerson({
      id,
      learner_id: null,
      team_id: Number(m.team_id),
      commune_code: m.commune_code,
      name: householdLabel(req.name),
      household: householdLabel(req.household),
      consent_version: HOUSEHOLD_CONSENT.version,
      consent_text: HOUSEHOLD_CONSENT.text,
      consented_at: now,
      recorded_by: memberId,
      created_at: now,
      merged_into: null,
      learning_team_id: null,
      learning_commune: null,
    });
    if (!added) {
      const stored = await repos.ledger.person(id);
      if (!stored || stored.recorded_by !== memberId) throw conflict("person_id_taken", "Mã này đã được dùng.");
      return;
    }
    await addOutcomes(repos, deps, { id, commune_code: m.commune_code, team_id: Number(m.team_id) }, outcomes, memberId);
  });
  return (await ledgerView(deps, [(await deps.repos.ledger.person(id))!]))[0]!;
}

export const newPersonId = () => randomUUID();
