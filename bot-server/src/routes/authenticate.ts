import type { FastifyRequest } from "fastify";
import { AppError, unauthorized } from "../lib/errors.js";
import type { Actor } from "../services/admin/access.js";

/** The learner behind a request's "Authorization: Bearer <session token>"; refuses with 401 otherwise. */
export function requireLearner(req: FastifyRequest): string {
  const h = req.headers.authorization;
  const m = typeof h === "string" ? /^Bearer ([A-Za-z0-9._-]{10,2048})$/.exec(h) : null;
  if (!m) throw unauthorized("missing_session", "Bạn cần đăng nhập để lưu tiến độ học.");
  return req.server.services.sessions.verify(m[1]!).learnerId;
}

/** The signed-in person with their roles; with `needRole`, people without any role are refused (403). */
export async function requireActor(req: FastifyRequest, needRole = true): Promise<Actor> {
  const learner = await req.server.services.repos.learners.findById(requireLearner(req));
  if (!learner) throw unauthorized("invalid_session", "Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.");
  const roles = await req.server.services.repos.roles.ofUser(learner.zalo_user_id);
  if (needRole && roles.length === 0) throw new AppError(403, "not_an_official", "Chức năng này chỉ dành cho cán bộ được phân quyền.");
  return { id: learner.zalo_user_id, roles };
}
