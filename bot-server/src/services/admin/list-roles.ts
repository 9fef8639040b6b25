import type { RoleView } from "../../../../shared/schemas/admin.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import { visibleAreaCodes, type Actor } from "./access.js";
import { toRoleView } from "./manage-roles.js";

export interface ListRolesDeps {
  repos: Repositories;
  areas: Areas;
}

/** The roles the actor holds (empty when they are not an official). */
export async function myRoles(deps: ListRolesDeps, actor: Actor): Promise<{ zaloUserId: string; roles: RoleView[] }> {
  const rows = await deps.repos.roles.ofUser(actor.id);
  return { zaloUserId: actor.id, roles: rows.map((r) => toRoleView(r, deps.areas)) };
}

/** The roles granted in the areas the actor sees. */
export async function rolesInMyArea(deps: ListRolesDeps, actor: Actor): Promise<{ roles: RoleView[] }> {
  const rows = await deps.repos.roles.inArea(visibleAreaCodes(actor, deps.areas));
  return { roles: rows.map((r) => toRoleView(r, deps.areas)) };
}
