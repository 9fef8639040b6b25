import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import type { Clock } from "../../lib/clock.js";
import { badRequest } from "../../lib/errors.js";
import type { Repositories } from "../../repositories/index.js";

type Deps = { repos: Repositories; areas: Areas; clock: Clock };

function checkCommune(deps: Deps, actor: Actor, code: string) {
  if (!deps.areas.commune(code)) throw badRequest("invalid_area", `Mã "${code}" không phải một xã, phường hiện hành.`);
  if (!actorCovers(actor, code, deps.areas)) throw forbidden();
}

export async function getAdults(deps: Deps, actor: Actor, code: string) {
  checkCommune(deps, actor, code);
  const [row] = await deps.repos.ledger.adultsOf([code]);
  return { communeCode: code, adults: row ? Number(row.adults) : null };
}

/** An official sets how many adults live in their commune (null: not known): the shares of the reports are reckoned against it; audited. */
export async function setAdults(deps: Deps, actor: Actor, code: string, adults: number | null) {
  const before = await getAdults(deps, actor, code);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    await repos.ledger.setAdults(code, adults, actor.id, now);
    await repos.audit.append({
      actor: actor.id,
      action: "commune.adults",
      target: `commune:${code}`,
      area_code: code,
      before_state: JSON.stringify({ adults: before.adults }),
      after_state: JSON.stringify({ adults }),
      at: now,
    });
  });
  return { communeCode: code, adults };
}
