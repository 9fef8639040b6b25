import type { CreateTeam, TeamView } from "../../../../shared/schemas/team.js";
import { badRequest } from "../../lib/errors.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import { communeName } from "../areas.js";
import { newRefCode } from "./ref-codes.js";
import type { TeamDeps } from "./team-deps.js";

/** A commune official (or a wider one) creates a team in a commune; the team and its audit entry land together. */
export async function createTeam(deps: TeamDeps, actor: Actor, req: CreateTeam): Promise<TeamView> {
  const commune = deps.areas.commune(req.communeCode);
  if (!commune) throw badRequest("invalid_area", `Mã "${req.communeCode}" không phải một xã/phường hiện hành.`);
  if (!actorCovers(actor, commune.code, deps.areas)) throw forbidden("Bạn chỉ lập được tổ trong xã/phường mình quản lý.");
  const now = deps.clock.now().toISOString();
  const ref = newRefCode(deps, "t");
  const id = await deps.repos.transaction(async (repos) => {
    const id = await repos.teams.insert({ commune_code: commune.code, name: req.name, ref_code: ref, created_by: actor.id, created_at: now });
    await repos.audit.append({
      actor: actor.id,
      action: "team.create",
      target: `team:${id}`,
      area_code: commune.code,
      before_state: null,
      after_state: JSON.stringify({ name: req.name, communeCode: commune.code }),
      at: now,
    });
    return id;
  });
  return {
    id,
    name: req.name,
    communeCode: commune.code,
    communeName: communeName(deps.areas, commune.code),
    refCode: ref,
    createdAt: now,
    leader: null,
    members: 0,
    trained: 0,
  };
}
