import type { Repositories } from "../../repositories/index.js";
import { visibleAreaCodes, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { questionView } from "./question-view.js";

/**
 * The officials' inbox: questions the chatbot could not answer confidently (open), or those answered already. The
 * operator sees all of them, an official those asked by residents of a commune in their area.
 */
export async function listQuestions(deps: { repos: Repositories; areas: Areas }, actor: Actor, which: "open" | "answered", limit: number) {
  const rows = await deps.repos.unanswered.list(visibleAreaCodes(actor, deps.areas), which, limit);
  return { questions: rows.map((r) => questionView(deps.areas, r)) };
}
