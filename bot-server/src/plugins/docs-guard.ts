import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../lib/errors.js";
import { sameKey } from "../lib/same-key.js";

/**
 * With Zalo credentials, /docs (the API's description and Swagger UI) is for the operator: HTTP Basic with the
 * operator key as the password, which the browser then sends with every /docs request Swagger UI makes. Without
 * an OPERATOR_KEY it is closed. In sandbox mode it stays open, for developers.
 */
export const docsGuard = fp(async (app: FastifyInstance, o: { sandbox: boolean; operatorKey: string | undefined }) => {
  if (o.sandbox) return;
  app.addHook("onRequest", async (req, reply) => {
    const path = req.url.split("?")[0]!;
    if (path !== "/docs" && !path.startsWith("/docs/")) return;
    const header = req.headers.authorization ?? "";
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    const password = basic ? Buffer.from(basic[1]!, "base64").toString("utf8").split(":").slice(1).join(":") : "";
    if (o.operatorKey && password && sameKey(password, o.operatorKey)) return;
    reply.header("www-authenticate", 'Basic realm="ksc-docs", charset="UTF-8"');
    throw new AppError(401, "operator_only", "Tài liệu API chỉ dành cho người vận hành (mật khẩu là OPERATOR_KEY).");
  });
});
