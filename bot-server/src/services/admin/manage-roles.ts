import type { RoleGrant, RoleView } from "../../../../shared/schemas/admin.js";
import type { Clock } from "../../lib/clock.js";
import { AppError, notFound } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import type { RoleRow } from "../../repositories/roles.js";
import type { Areas } from "../areas.js";
import { canManage, checkRoleArea, forbidden, type Actor } from "./access.js";

export interface RoleDeps {
  repos: Repositories;
  areas: Areas;
  clock: Clock;
}

export function toRoleView(r: RoleRow, areas: Areas): RoleView {
  const areaName = r.role === "operator" ? "Toàn quốc" : (areas.province(r.area_code)?.name ?? areas.commune(r.area_code)?.fullName ?? r.area_code);
  return { zaloUserId: r.zalo_user_id, role: r.role, areaCode: r.area_code, areaName, grantedBy: r.granted_by, grantedAt: r.granted_at };
}

/** Grants a role; the grant and its audit entry land together or not at all. */
export async function grantRole(deps: RoleDeps, actor: Actor, g: RoleGrant): Promise<RoleView> {
  checkRoleArea(g, deps.areas);
  if (!canManage(actor, g, deps.areas)) throw forbidden("Bạn không có quyền cấp vai trò này cho khu vực này.");
  const now = deps.clock.now().toISOString();
  const row: RoleRow = { zalo_user_id: g.zaloUserId, role: g.role, area_code: g.areaCode, granted_by: actor.id, granted_at: now };
  await deps.repos.transaction(async (repos) => {
    if (!(await repos.roles.insert(row))) throw new AppError(409, "role_exists", "Người này đã có vai trò này.");
    await repos.audit.append({
      actor: actor.id,
      action: "role.grant",
      target: g.zaloUserId,
      area_code: g.areaCode,
      before_state: null,
      after_state: JSON.stringify({ role: g.role, areaCode: g.areaCode }),
      at: now,
    });
  });
  return toRoleView(row, deps.areas);
}

export async function revokeRole(deps: RoleDeps, actor: Actor, g: RoleGrant): Promise<void> {
  checkRoleArea(g, deps.areas);
  if (!canManage(actor, g, deps.areas)) throw forbidden("Bạn không có quyền thu hồi vai trò này.");
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const before = await repos.roles.find(g.zaloUserId, g.role, g.areaCode);
    if (!before || !(await repos.roles.delete(g.zaloUserId, g.role, g.areaCode))) throw notFound("role_not_found", "Người này không có vai trò này.");
    await repos.audit.append({
      actor: actor.id,
      action: "role.revoke",
      target: g.zaloUserId,
      area_code: g.areaCode,
      before_state: JSON.stringify({ role: before.role, areaCode: before.area_code, grantedBy: before.granted_by, grantedAt: before.granted_at }),
      after_state: null,
      at: now,
    });
  });
}
