import type { FastifyRequest } from "fastify";
import { unauthorized } from "../lib/errors.js";
import type { LearnerRow } from "../repositories/learners.js";
import { isErased, sessionLearner, signedInPerson } from "../services/auth/signed-in-person.js";
import type { TeamActor } from "../services/teams/team-deps.js";

export const invalidSession = () => unauthorized("invalid_session", "Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.");

/** The learner id a request's "Authorization: Bearer <session token>" was issued to (signature and expiry checked). */
export function sessionLearnerId(req: FastifyRequest): string {
  const h = req.headers.authorization;
  const m = typeof h === "string" ? /^Bearer ([A-Za-z0-9._-]{10,2048})$/.exec(h) : null;
  if (!m) throw unauthorized("missing_session", "Bạn cần đăng nhập để lưu tiến độ học.");
  return req.server.services.sessions.verify(m[1]!).learnerId;
}

/** The learner row of a request's session, erased or not; 401 when the session is invalid or its learner gone. */
export async function sessionLearnerRow(req: FastifyRequest): Promise<LearnerRow> {
  const learner = await sessionLearner(req.server.services, sessionLearnerId(req));
  if (!learner) throw invalidSession();
  return learner;
}

/**
 * The signed-in learner's row; 401 when the session is invalid, or its learner is gone or erased: session tokens
 * are stateless, so this lookup is what ends the sessions of a person who erased their data.
 */
export async function requireLearnerRow(req: FastifyRequest): Promise<LearnerRow> {
  const learner = await sessionLearnerRow(req);
  if (isErased(learner)) throw invalidSession();
  return learner;
}

/** The signed-in learner's id; refuses with 401 otherwise (see requireLearnerRow). */
export async function requireLearner(req: FastifyRequest): Promise<string> {
  return (await requireLearnerRow(req)).id;
}

/** The signed-in person with their official roles (possibly none); refuses with 401 otherwise. */
export async function requirePerson(req: FastifyRequest): Promise<TeamActor> {
  return signedInPerson(req.server.services, await requireLearnerRow(req));
}
