import { randomBytes } from "node:crypto";
import type { VisitKind } from "../../../../shared/schemas/team.js";
import type { Clock } from "../../lib/clock.js";
import { AppError, notFound } from "../../lib/errors.js";
import type { InviteCodes } from "../../lib/invite-codes.js";
import type { Repositories } from "../../repositories/index.js";
import type { TeamRow } from "../../repositories/teams.js";
import { actorCovers, type Actor } from "../admin/access.js";
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

/** A short, unguessable ref code that matches refCodeSchema: "t-" or "m-" and 11 URL-safe characters (64 bits). */
export function newRefCode(deps: Pick<TeamDeps, "random">, kind: "t" | "m"): string {
  return `${kind}-${(deps.random ?? randomBytes)(8).toString("base64url")}`;
}

export const teamNotFound = () => notFound("team_not_found", "Không tìm thấy tổ này.");
export const notTeamLeader = () => new AppError(403, "not_team_leader", "Chỉ tổ trưởng của tổ này hoặc cán bộ quản lý xã này mới làm được việc này.");

export async function loadTeam(deps: Pick<TeamDeps, "repos">, teamId: number): Promise<TeamRow> {
  const team = await deps.repos.teams.find(teamId);
  if (!team) throw teamNotFound();
  return team;
}

/** Officials whose area covers the team's commune (the operator, its province's officials, its commune's). */
export function isOfficialOf(deps: Pick<TeamDeps, "areas">, actor: Actor, team: TeamRow): boolean {
  return actorCovers(actor, team.commune_code, deps.areas);
}

/** The team's leader, or an official over its commune: a leader of another team is refused. */
export async function requireLeaderOrOfficial(deps: Pick<TeamDeps, "repos" | "areas">, actor: TeamActor, teamId: number): Promise<{ team: TeamRow; asLeader: boolean }> {
  const team = await loadTeam(deps, teamId);
  if (isOfficialOf(deps, actor, team)) return { team, asLeader: false };
  const m = await deps.repos.teams.membershipOf(actor.learnerId);
  if (m && m.team_id === team.id && m.role === "leader") return { team, asLeader: true };
  throw notTeamLeader();
}

/** The lessons of the core skills: a member is trained when they have passed every one of them. */
export function coreLessonIds(catalog: CourseCatalog): string[] {
  return catalog.skills.filter((s) => s.core).flatMap((s) => catalog.lessonsOf(s.id).map((l) => l.id));
}

export function communeName(areas: Areas, code: string): string {
  return areas.commune(code)?.fullName ?? code;
}
