import { randomBytes } from "node:crypto";
import { ERASE_CONFIRMATION } from "../../../../shared/schemas/me-data.js";
import { AppError, badRequest, notFound } from "../../lib/errors.js";
import { ERASED_PREFIX } from "../../repositories/personal-data.js";
import { withLearnerRollups } from "../reports/rollups.js";
import { eventInvolves, type MeDataDeps } from "./export-my-data.js";

/** Who erased: the person themself. Audit entries of the erasure hold no personal data. */
const SELF = "self";

export const alreadyErased = () => new AppError(410, "already_erased", "Dữ liệu của bạn đã được xoá trước đó.");

/**
 * Erases the signed-in person (Luật 91/2025/QH15, quyền xoá dữ liệu), in one transaction. Rows that reports count
 * (progress, visits, credits, memberships, deliveries, OA messages) stay, anonymous: the learner keeps its id but
 * not its Zalo id, name, OA follower id or ref code; everything kept under the follower id moves to a random
 * tombstone id and loses its text; an active membership ends; roles are revoked. Sessions stop working because
 * requireLearner refuses a tombstoned learner.
 */
export async function eraseMe(deps: MeDataDeps, learnerId: string, confirm: string | undefined): Promise<void> {
  if (confirm !== ERASE_CONFIRMATION) {
    throw badRequest("confirmation_required", `Để xoá dữ liệu, hãy xác nhận bằng chữ ${ERASE_CONFIRMATION}. Chưa có gì bị xoá.`);
  }
  const now = deps.clock.now().toISOString();
  const tombstone = `${ERASED_PREFIX}${randomBytes(12).toString("hex")}`;
  await deps.repos.transaction(async (repos) => {
    const learner = await repos.learners.findById(learnerId);
    if (!learner) throw notFound("learner_not_found", "Không tìm thấy dữ liệu của bạn.");
    const pd = repos.personalData;
    // Claims the erasure first: a second request at the same time finds it done and changes nothing.
    if (!(await pd.tombstoneLearner(learnerId, tombstone, now))) throw alreadyErased();

    const memberships = await pd.membershipsOf(learnerId);
    // Ending the membership moves the report rollups (members, trained), in this transaction.
    await withLearnerRollups(repos, deps.catalog, learnerId, () => pd.endMemberships(learnerId, (i) => `x-${randomBytes(8).toString("hex")}${i}`, now));
    await pd.blankVisitHouseholds(learnerId);
    await pd.revokeCertificatesOf(learnerId, now);
    for (const m of memberships.filter((m) => m.removed_at === null)) {
      await repos.audit.append({
        actor: SELF,
        action: "person.erase_membership",
        target: tombstone,
        area_code: m.commune_code,
        before_state: JSON.stringify({ teamId: Number(m.team_id), role: m.role }),
        after_state: null,
        at: now,
      });
    }

    const fid = learner.id_by_oa;
    if (fid) {
      await pd.anonymiseSubscriber(fid, tombstone, now);
      await pd.anonymiseOaMessages(fid, tombstone);
      await pd.anonymiseQuestions(fid, tombstone, now);
      await pd.rekeyDeliveries(fid, tombstone, now);
      await repos.followerTags.deleteUser(fid);
      for (const e of await pd.inboxEventsMentioning(fid)) if (eventInvolves(e.payload, fid)) await pd.blankInboxEvent(Number(e.id), e.event_name);
    }

    await pd.rekeyActorColumns([learner.zalo_user_id, learnerId], tombstone);
    for (const r of await pd.deleteRolesOf(learner.zalo_user_id)) {
      await repos.audit.append({
        actor: SELF,
        action: "role.revoke",
        target: tombstone,
        area_code: r.area_code,
        before_state: JSON.stringify({ role: r.role, areaCode: r.area_code }),
        after_state: null,
        at: now,
      });
    }
    await repos.audit.append({ actor: SELF, action: "person.erase", target: tombstone, area_code: "", before_state: null, after_state: null, at: now });
  });
}
