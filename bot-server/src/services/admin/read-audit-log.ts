import type { AuditEntry } from "../../../../shared/schemas/admin.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import { visibleAreaCodes, type Actor } from "./access.js";

const parseJson = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

/** The audit log of the areas the actor sees, newest first. */
export async function readAuditLog(deps: { repos: Repositories; areas: Areas }, actor: Actor, limit: number): Promise<{ entries: AuditEntry[] }> {
  const rows = await deps.repos.audit.list(visibleAreaCodes(actor, deps.areas), limit);
  return {
    entries: rows.map((e) => ({
      id: Number(e.id),
      actor: e.actor,
      action: e.action,
      target: e.target,
      areaCode: e.area_code,
      before: parseJson(e.before_state),
      after: parseJson(e.after_state),
      at: e.at,
    })),
  };
}
