import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";

/** sending → done when planning has finished and no delivery is open; a no-op otherwise (cheap, see the repository). */
export function finishIfSettled(deps: { repos: Repositories; clock: Clock }, campaignId: number): Promise<boolean> {
  return deps.repos.campaigns.finishIfSettled(campaignId, deps.clock.now().toISOString());
}
