import type { QuestionAnswer } from "../../../../shared/schemas/questions.js";
import { conflict, notFound } from "../../lib/errors.js";
import { covers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { deliverAnswer, type AnswerDeps } from "./deliver-answer.js";
import { questionView } from "./question-view.js";

/**
 * In whose name an actor answers a question of a commune: the commune when they are its official, else their
 * province, else (the operator) the OA's team. Null: the question is not of their area.
 */
export function signingArea(actor: Actor, communeCode: string | null, areas: Areas): string | null {
  if (communeCode) {
    const own = actor.roles.find((r) => r.role === "commune_official" && r.area_code === communeCode);
    if (own) return own.area_code;
    const province = actor.roles.find((r) => r.role === "province_official" && covers(r, communeCode, areas));
    if (province) return province.area_code;
  }
  return actor.roles.some((r) => r.role === "operator") ? "" : null;
}

export const questionNotFound = () => notFound("question_not_found", "Không tìm thấy câu hỏi này.");

/**
 * An official answers a question from the inbox of their area: recorded with the audit entry in one transaction,
 * then pushed to the resident when Zalo's rules allow (deliverAnswer), else held for them.
 */
export async function answerQuestion(deps: AnswerDeps, actor: Actor, id: number, input: QuestionAnswer) {
  const q = await deps.repos.unanswered.findById(id);
  if (!q) throw questionNotFound();
  const signer = signingArea(actor, q.commune_code, deps.areas);
  if (signer === null) throw forbidden();
  if (q.resolved_at !== null) throw conflict("question_closed", "Câu hỏi này đã được trả lời hoặc đã đóng.");
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const set = { answer_text: input.text, answered_by: actor.id, answered_area: signer, answered_at: now, resolved_at: now, answer_state: "held" as const };
    if (!(await repos.unanswered.answer(id, set))) throw conflict("question_closed", "Câu hỏi này vừa được người khác trả lời.");
    await repos.audit.append({
      actor: actor.id,
      action: "question.answer",
      target: `question:${id}`,
      area_code: q.commune_code ?? "",
      before_state: null,
      after_state: JSON.stringify({ text: input.text, answeredBy: signer }),
      at: now,
    });
  });
  // The answer is recorded: whatever goes wrong in pushing it (the OA not connected, a token refresh failing), it
  // waits for the resident, and the official is told it is held rather than an error they would retry.
  try {
    await deliverAnswer(deps, id);
  } catch (err) {
    deps.log?.warn({ err: String(err), questionId: id }, "an official's answer could not be pushed: it waits for the person to write");
  }
  return { question: questionView(deps.areas, (await deps.repos.unanswered.findById(id))!) };
}
