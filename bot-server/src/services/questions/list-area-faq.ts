import type { Repositories } from "../../repositories/index.js";
import { visibleAreaCodes, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { entryView } from "./area-faq-entry.js";

/** The Hỏi đáp entries of my area (withdrawn ones too, to restore them); the operator sees every area's and everyone's. */
export async function listAreaFaq(deps: { repos: Repositories; areas: Areas }, actor: Actor, limit: number) {
  const rows = await deps.repos.areaFaq.list(visibleAreaCodes(actor, deps.areas), limit);
  return { entries: rows.map((r) => entryView(deps.areas, r)) };
}
