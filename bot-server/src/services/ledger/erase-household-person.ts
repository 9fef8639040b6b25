import { AppError, conflict, notFound } from "../../lib/errors.js";
import { ERASED_TEXT } from "../../repositories/personal-data.js";
import { membershipOrRefuse, type LedgerDeps } from "./ledger-deps.js";

/**
 * A household member without an account asks to be taken out of the ledger (they cannot use "Xoá dữ liệu" in an
 * app they do not have): a member of their team blanks their name and household; the outcomes stay counted, naming
 * no one. Audited. A resident with an account erases their own data in the app.
 */
export async function eraseHouseholdPerson(deps: LedgerDeps, memberId: string, personId: string) {
  const m = await membershipOrRefuse(deps, memberId);
  const person = await deps.repos.ledger.person(personId);
  if (!person || person.merged_into) throw notFound("person_not_found", "Không có người này trong sổ theo dõi.");
  if (Number(person.team_id) !== Number(m.team_id)) throw new AppError(403, "other_team", "Người này thuộc sổ theo dõi của một tổ khác.");
  if (person.learner_id !== null)
    throw conflict("has_account", "Người này có tài khoản riêng: họ tự xoá dữ liệu trong ứng dụng (Giới thiệu → Xoá dữ liệu của tôi).");
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.ledger.blankPerson(personId, ERASED_TEXT))) throw conflict("already_erased", "Tên người này đã được xoá khỏi sổ.");
    await repos.audit.append({
      actor: memberId,
      action: "ledger.erase_person",
      target: `ledger:${personId}`,
      area_code: person.commune_code,
      before_state: null,
      after_state: null,
      at: now,
    });
  });
  return { erased: true as const };
}
