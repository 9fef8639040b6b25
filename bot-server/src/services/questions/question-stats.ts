import type { QuestionStats } from "../../../../shared/schemas/questions.js";
import type { Repositories } from "../../repositories/index.js";
import { visibleAreaCodes, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * For officials, in their area: questions residents asked the chatbot, how many it answered itself, how many
 * officials answered, how many wait, and the median time from question to an official's answer (hours, one decimal).
 */
export async function questionStats(deps: { repos: Repositories; areas: Areas }, actor: Actor): Promise<QuestionStats> {
  const codes = visibleAreaCodes(actor, deps.areas);
  const [asked, counts] = await Promise.all([deps.repos.unanswered.askedTotals(codes), deps.repos.unanswered.counts(codes)]);
  const hours = counts.answered.map((r) => (Date.parse(r.answered_at) - Date.parse(r.created_at)) / 3600_000);
  const m = median(hours);
  return {
    asked: asked.asked,
    answeredByBot: asked.botAnswered,
    answeredByOfficials: counts.answered.length,
    waiting: counts.open,
    medianHoursToAnswer: m === null ? null : Math.round(m * 10) / 10,
  };
}
