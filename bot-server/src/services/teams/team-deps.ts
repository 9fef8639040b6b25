import type { VisitKind } from "../../../../shared/schemas/team.js";
import type { Clock } from "../../lib/clock.js";
import type { InviteCodes } from "../../lib/invite-codes.js";
import type { Repositories } from "../../repositories/index.js";
import type { Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";

export interface TeamDeps {
  repos: Repositories;
  areas: Areas;
  clock: Clock;
  invites: InviteCodes;
  catalog: CourseCatalog;
  visitKinds: VisitKind[];
  /** The mini app's home deep link (https://zalo.me/s/<id>/, or the web preview's address in sandbox mode). */
  homeLink: string;
  /** Random bytes for ref codes and nonces (injected so that tests may fix them). */
  random?: (n: number) => Buffer;
}

/** Who asks about a team: a signed-in learner, with their official roles (possibly none). */
export interface TeamActor extends Actor {
  learnerId: string;
}
