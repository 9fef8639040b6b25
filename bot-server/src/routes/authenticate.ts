import type { FastifyRequest } from "fastify";
import { AppError, unauthorized } from "../lib/errors.js";
import { ERASED_PREFIX } from "../repositories/personal-data.js";
import type { LearnerRow } from "../repositories/learners.js";
import type { Actor } from "../services/admin/access.js";

export const invalidSession = () => unauthorized("invalid_session", "Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.");

/** The learner id a request's "Authorization: Bearer <session token>" was issued to (signature and expiry checked). */
export function sessionLearnerId(req: FastifyRequest): string {
  const h = req.headers.authorization;
  const m = typeof h === "string" ? /^Bearer ([A-Za-z0-9._-]{10,2048})$/.exec(h) : null;
  if (!m) throw unauthorized("missing_session", "Bạn cần đăng nhập để lưu tiến độ học.");
  return req.server.services.sessions.verify(m[1]!).learnerId;
}

export const isErased = (row: LearnerRow) => row.zalo_user_id.startsWith(ERASED_PREFIX);

/**
 * The signed-in learner's row; 401 when the session is invalid, or its learner is gone or erased: session tokens
 * are stateless, so this lookup is what ends the sessions of a person who erased their data.
 */
export async function requireLearnerRow(req: FastifyRequest): Promise<LearnerRow> {
  const learner = await req.server.services.repos.learners.findById(sessionLearnerId(req));
  if (!learner || isErased(learner)) throw invalidSession();
  return learner;
}

/** The signed-in learner's id; refuses with 401 otherwise (see requireLearnerRow). */
export async function requireLearner(req: FastifyRequest): Promise<string> {
  return (await requireLearnerRow(req)).id;
}

/** The signed-in person with their roles; with `needRole`, people without any role are refused (403). */
export async function requireActor(req: FastifyRequest, needRole = true): Promise<Actor> {
  const learner = await requireLearnerRow(req);
  const roles = await req.server.services.repos.roles.ofUser(learner.zalo_user_id);
  if (needRole && roles.length === 0) throw new AppError(403, "not_an_official", "Chức năng này chỉ dành cho cán bộ được phân quyền.");
  return { id: learner.zalo_user_id, roles };
}
