import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { areaFaqFromQuestionSchema } from "../../../../shared/schemas/questions.js";
import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";
import { checkAreaFaq, entryView } from "./area-faq-entry.js";
import { questionNotFound } from "./answer-question.js";

export interface AreaFaqDeps {
  repos: Repositories;
  areas: Areas;
  catalog: CourseCatalog;
  clock: Clock;
}

/** The area an entry made from a question is for: the question's commune, or its province; everyone's for a question of no commune. */
function areaFor(communeCode: string | null, scope: "commune" | "province", areas: Areas): string {
  if (!communeCode) return "";
  return scope === "province" ? (areas.commune(communeCode)?.provinceCode ?? communeCode) : communeCode;
}

/**
 * "Thêm vào Hỏi đáp": an official turns a question of their area (and the answer) into a Hỏi đáp entry for the
 * question's commune or province. Checked like the shipped Hỏi đáp; audited.
 */
export async function createAreaFaq(deps: AreaFaqDeps, actor: Actor, questionId: number, input: z.infer<typeof areaFaqFromQuestionSchema>) {
  const q = await deps.repos.unanswered.findById(questionId);
  if (!q) throw questionNotFound();
  const area = areaFor(q.commune_code, input.scope, deps.areas);
  const allowed = area === "" ? actor.roles.some((r) => r.role === "operator") : actorCovers(actor, area, deps.areas);
  if (!allowed) throw forbidden(input.scope === "province" ? "Chỉ cán bộ cấp tỉnh mới thêm câu hỏi đáp cho cả tỉnh." : undefined);
  // The resident's own words are offered in the form (the official sees and may edit or drop them); nothing of
  // them is added here unseen.
  const draft = { ...input, variants: input.variants.slice(0, 8) };
  checkAreaFaq(draft, deps.catalog);
  const now = deps.clock.now().toISOString();
  const row = {
    id: `kv-${randomBytes(5).toString("hex")}`,
    area_code: area,
    question: draft.question,
    variants: JSON.stringify(draft.variants),
    answer: draft.answer,
    lesson: draft.lesson,
    status: "active" as const,
    source_question_id: questionId,
    created_by: actor.id,
    created_at: now,
    updated_by: actor.id,
    updated_at: now,
    promoted_from: null,
  };
  await deps.repos.transaction(async (repos) => {
    await repos.areaFaq.add(row);
    await repos.unanswered.linkFaq(questionId, row.id);
    await repos.audit.append({
      actor: actor.id,
      action: "faq.create",
      target: `faq:${row.id}`,
      area_code: area,
      before_state: null,
      // The variants (which may repeat a resident's words) stay out of the append-only log; the entry keeps them.
      after_state: JSON.stringify({ question: row.question, answer: row.answer, lesson: row.lesson, fromQuestion: questionId }),
      at: now,
    });
  });
  return { entry: entryView(deps.areas, row) };
}
