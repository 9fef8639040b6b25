import type { FastifyRequest } from "fastify";
import { AppError } from "../lib/errors.js";
import type { TeamActor } from "../services/teams/team-deps.js";
import { requirePerson } from "./authenticate.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** An admin route that any signed-in person may call (it decides what they see): no official role needed. */
    anySignedIn?: boolean;
  }
}

const actors = new WeakMap<FastifyRequest, TeamActor>();

/** The admin routes' hook: a valid session (401) and, unless the route is open to any signed-in person, an official role (403). */
export async function requireAdmin(req: FastifyRequest): Promise<void> {
  const actor = await requirePerson(req);
  if (!req.routeOptions.config.anySignedIn && actor.roles.length === 0)
    throw new AppError(403, "not_an_official", "Chức năng này chỉ dành cho cán bộ được phân quyền.");
  actors.set(req, actor);
}

/** The signed-in person of an admin request, as requireAdmin found them. */
export function adminActor(req: FastifyRequest): TeamActor {
  const actor = actors.get(req);
  if (!actor) throw new Error(`${req.url}: not behind the admin hook`);
  return actor;
}
