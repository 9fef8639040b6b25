import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import { visibleAreaCodes, type Actor } from "./access.js";

/**
 * Questions the chatbot could not answer confidently: the operator sees all of them, an official those asked by
 * followers who chose a commune in their area.
 */
export async function listOpenQuestions(deps: { repos: Repositories; areas: Areas }, actor: Actor, limit: number) {
  const rows = await deps.repos.unanswered.listOpen(visibleAreaCodes(actor, deps.areas), limit);
  return {
    questions: rows.map((r) => ({
      id: Number(r.id),
      text: r.text,
      communeCode: r.commune_code ?? null,
      communeName: r.commune_code ? (deps.areas.commune(r.commune_code)?.fullName ?? null) : null,
      bestMatch: r.best_match,
      askedAt: r.created_at,
    })),
  };
}
