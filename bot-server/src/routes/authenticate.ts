import type { FastifyRequest } from "fastify";
import { unauthorized } from "../lib/errors.js";

/** The learner behind a request's "Authorization: Bearer <session token>"; refuses with 401 otherwise. */
export function requireLearner(req: FastifyRequest): string {
  const h = req.headers.authorization;
  const m = typeof h === "string" ? /^Bearer ([A-Za-z0-9._-]{10,2048})$/.exec(h) : null;
  if (!m) throw unauthorized("missing_session", "Bạn cần đăng nhập để lưu tiến độ học.");
  return req.server.services.sessions.verify(m[1]!).learnerId;
}
