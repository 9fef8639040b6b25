import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { findUnsafeText, textProblemMessage } from "../../../shared/lib/unsafe-text.js";
import { badRequest } from "../lib/errors.js";

/**
 * Text that no person writes (NUL and other controls, broken surrogates) is refused at the edge, before any route:
 * PostgreSQL refuses NUL where SQLite stores it, so without this the same request gave 500 on one database and
 * was stored on the other. Zalo's webhook and the sandbox standing in for Zalo are exempt: what Zalo sends is
 * cleaned instead (routes/webhook.ts), as refusing it would only make Zalo send it again.
 */
export const textGuard = fp(async (app: FastifyInstance) => {
  app.addHook("preValidation", async (req) => {
    const path = req.url;
    if (path.startsWith("/webhooks/") || path.startsWith("/sandbox/")) return;
    for (const [part, value] of [
      ["params", req.params],
      ["query", req.query],
      ["body", req.body],
    ] as const) {
      const found = findUnsafeText(value);
      if (found) throw badRequest("invalid_characters", `Dữ liệu gửi lên ${textProblemMessage(found.problem)}${found.path ? ` (${part}.${found.path})` : ""}.`);
    }
  });
});
