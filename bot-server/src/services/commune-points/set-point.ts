import type { CommunePointInput, CommunePointView } from "../../../../shared/schemas/commune-point.js";
import type { Clock } from "../../lib/clock.js";
import { badRequest } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";

export interface CommunePointDeps {
  repos: Repositories;
  areas: Areas;
  clock: Clock;
}

function communeOf(deps: CommunePointDeps, actor: Actor, code: string) {
  const commune = deps.areas.commune(code);
  if (!commune) throw badRequest("invalid_area", `Mã "${code}" không phải một xã/phường hiện hành.`);
  if (!actorCovers(actor, commune.code, deps.areas)) throw forbidden("Bạn chỉ đặt được vị trí của xã/phường mình quản lý.");
  return commune;
}

export async function getCommunePoint(deps: CommunePointDeps, actor: Actor, code: string): Promise<CommunePointView> {
  const commune = communeOf(deps, actor, code);
  const row = await deps.repos.communePoints.find(commune.code);
  return {
    communeCode: commune.code,
    communeName: commune.fullName,
    point: row ? { latitude: row.latitude, longitude: row.longitude, source: row.source, updatedAt: row.updated_at } : null,
  };
}

/** An official of the commune (or wider) sets where it is; the point and its audit entry land together. */
export async function setCommunePoint(deps: CommunePointDeps, actor: Actor, code: string, input: CommunePointInput): Promise<CommunePointView> {
  const commune = communeOf(deps, actor, code);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const before = await repos.communePoints.find(commune.code);
    await repos.communePoints.set({
      commune_code: commune.code,
      latitude: input.latitude,
      longitude: input.longitude,
      source: "admin",
      updated_by: actor.id,
      updated_at: now,
    });
    await repos.audit.append({
      actor: actor.id,
      action: "commune_point.set",
      target: `commune:${commune.code}`,
      area_code: commune.code,
      before_state: before ? JSON.stringify({ latitude: before.latitude, longitude: before.longitude }) : null,
      after_state: JSON.stringify(input),
      at: now,
    });
  });
  return { communeCode: commune.code, communeName: commune.fullName, point: { ...input, source: "admin", updatedAt: now } };
}
