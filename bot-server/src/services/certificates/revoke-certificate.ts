import { AppError, badRequest, notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import type { Clock } from "../../lib/clock.js";
import type { OutcomeKind } from "../../../../shared/schemas/ledger.js";
import { digitalKinds } from "../ledger/ledger-deps.js";

/** An official of the certificate's commune (or its province) revokes it, with a reason; audited. */
export async function revokeCertificate(
  deps: { repos: Repositories; areas: Areas; clock: Clock; outcomeKinds: OutcomeKind[] },
  actor: Actor,
  code: string,
  reason: string,
) {
  const row = await deps.repos.certificates.find(code);
  if (!row) throw notFound("certificate_not_found", "Không có chứng nhận này.");
  if (!actorCovers(actor, row.commune_code, deps.areas)) throw forbidden("Chứng nhận này thuộc khu vực khác.");
  const why = reason.trim();
  if (why.length < 5) throw badRequest("reason_required", "Hãy ghi lý do thu hồi (ít nhất 5 ký tự).");
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.certificates.revoke(code, actor.id, why, now))) throw new AppError(409, "certificate_revoked", "Chứng nhận này đã bị thu hồi trước đó.");
    await repos.audit.append({
      actor: actor.id,
      action: "certificate.revoke",
      target: `certificate:${code}`,
      area_code: row.commune_code,
      before_state: JSON.stringify({ status: "valid" }),
      after_state: JSON.stringify({ status: "revoked", reason: why }),
      at: now,
    });
    // A revoked certificate is no outcome of the ledger, unless the resident holds another one still valid.
    const kind = deps.outcomeKinds.find((k) => k.automatic && !k.retired);
    const person = await repos.ledger.ofLearner(row.learner_id);
    if (kind && person && !(await repos.certificates.mine(row.learner_id)).some((c) => !c.revoked_at)) {
      await repos.ledger.removeOutcome(person.id, kind.id);
      await repos.ledger.refreshFlags(person.id, digitalKinds(deps.outcomeKinds));
    }
  });
  return { code, status: "revoked" as const };
}
