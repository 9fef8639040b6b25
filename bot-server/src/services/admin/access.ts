import type { Role } from "../../../../shared/constants/roles.js";
import type { RoleGrant } from "../../../../shared/schemas/admin.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { RoleRow } from "../../repositories/roles.js";
import type { Areas } from "../areas.js";

/** Who acts: a person's roles, or the operator's command line (which holds every right). */
export interface Actor {
  id: string;
  roles: Pick<RoleRow, "role" | "area_code">[];
}

export const CLI_ROLES: Actor["roles"] = [{ role: "operator", area_code: "" }];

export const forbidden = (message = "Bạn không có quyền với khu vực này.") => new AppError(403, "forbidden_area", message);

/** Whether one role covers an area: the operator covers all, a province official their province and its communes. */
export function covers(r: Actor["roles"][number], areaCode: string, areas: Areas): boolean {
  if (r.role === "operator") return true;
  if (r.role === "province_official") return areaCode === r.area_code || areas.commune(areaCode)?.provinceCode === r.area_code;
  return areaCode === r.area_code;
}

export function actorCovers(actor: Actor, areaCode: string, areas: Areas): boolean {
  return actor.roles.some((r) => covers(r, areaCode, areas));
}

/** The area codes an actor may see, or null for all of them. */
export function visibleAreaCodes(actor: Actor, areas: Areas): string[] | null {
  if (actor.roles.some((r) => r.role === "operator")) return null;
  const codes = new Set<string>();
  for (const r of actor.roles) {
    codes.add(r.area_code);
    if (r.role === "province_official") for (const c of areas.communes) if (c.provinceCode === r.area_code) codes.add(c.code);
  }
  return [...codes];
}

/** A role's area must be of its kind: none for the operator, a province, or a commune of the 2025 units. */
export function checkRoleArea(g: Pick<RoleGrant, "role" | "areaCode">, areas: Areas): string {
  const ok: Record<Role, () => string | null> = {
    operator: () => (g.areaCode === "" ? "" : null),
    province_official: () => (areas.province(g.areaCode) ? areas.province(g.areaCode)!.name : null),
    commune_official: () => (areas.commune(g.areaCode) ? areas.commune(g.areaCode)!.fullName : null),
  };
  const name = ok[g.role]();
  if (name === null) {
    throw badRequest(
      "invalid_area",
      g.role === "operator"
        ? "Vai trò người vận hành không gắn với khu vực."
        : `Mã khu vực "${g.areaCode}" không phải ${g.role === "province_official" ? "một tỉnh/thành" : "một xã/phường"} hiện hành.`,
    );
  }
  return name;
}

/**
 * Granting or revoking needs a strictly wider role: the operator for anything, a province official for commune
 * officials of their own province. Commune officials grant nothing.
 */
export function canManage(actor: Actor, g: Pick<RoleGrant, "role" | "areaCode">, areas: Areas): boolean {
  if (actor.roles.some((r) => r.role === "operator")) return true;
  if (g.role !== "commune_official") return false;
  return actor.roles.some((r) => r.role === "province_official" && covers(r, g.areaCode, areas));
}
