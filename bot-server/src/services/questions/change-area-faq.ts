import type { AreaFaqChange } from "../../../../shared/schemas/questions.js";
import { conflict, notFound } from "../../lib/errors.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import { checkAreaFaq, entryView } from "./area-faq-entry.js";
import type { AreaFaqDeps } from "./create-area-faq.js";

const isOperator = (actor: Actor) => actor.roles.some((r) => r.role === "operator");

/**
 * Edits, withdraws or restores an area's Hỏi đáp entry (officials of the area; the operator for entries of
 * everyone), or promotes it to everyone (the operator only). Changing an entry someone changed since it was read
 * is refused (`seen`); every change is audited with the entry before and after.
 */
export async function changeAreaFaq(deps: AreaFaqDeps, actor: Actor, id: string, change: AreaFaqChange) {
  const row = await deps.repos.areaFaq.findById(id);
  if (!row) throw notFound("faq_entry_not_found", "Không tìm thấy mục Hỏi đáp này.");
  const mayChange = row.area_code === "" ? isOperator(actor) : actorCovers(actor, row.area_code, deps.areas);
  if (!mayChange || (change.action === "promote" && !isOperator(actor)))
    throw forbidden(change.action === "promote" ? "Chỉ người vận hành mới đưa một mục Hỏi đáp ra toàn quốc." : undefined);
  const now = deps.clock.now().toISOString();
  const set =
    change.action === "edit"
      ? (checkAreaFaq(change.entry, deps.catalog),
        { question: change.entry.question, variants: JSON.stringify(change.entry.variants), answer: change.entry.answer, lesson: change.entry.lesson })
      : change.action === "withdraw"
        ? { status: "withdrawn" as const }
        : change.action === "restore"
          ? { status: "active" as const }
          : row.area_code === ""
            ? {}
            : { area_code: "", promoted_from: row.area_code };
  const after = { ...row, ...set, updated_by: actor.id, updated_at: now };
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.areaFaq.update(id, change.seen, { ...set, updated_by: actor.id, updated_at: now })))
      throw conflict("faq_entry_changed", "Mục Hỏi đáp này vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.");
    await repos.audit.append({
      actor: actor.id,
      action: `faq.${change.action}`,
      target: `faq:${id}`,
      area_code: row.area_code,
      before_state: JSON.stringify(row),
      after_state: JSON.stringify(after),
      at: now,
    });
  });
  return { entry: entryView(deps.areas, after) };
}
