import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { domainVerificationRoutes } from "./domain-verification.js";

export interface MiniappRoutesOptions {
  dir: string;
  miniappId: string;
  /** The policy for the page, given the hash of its one inline script. */
  csp: (scriptHashes: string[]) => string;
  /** Zalo's domain verification code: / then serves the page with its meta tag instead of redirecting. */
  domainVerification?: string;
}

/**
 * Serves the production build of the mini app under /zapps/<miniappId>/, where ZMPRouter expects it, with
 * window.APP_ID set as Zalo sets it. Paths that are not files get index.html, so deep links survive a reload.
 */
export async function miniappRoutes(app: FastifyInstance, opts: MiniappRoutesOptions): Promise<void> {
  const base = `/zapps/${opts.miniappId}`;
  if (opts.domainVerification) await app.register(domainVerificationRoutes, { code: opts.domainVerification, homeTarget: `${base}/` });
  else app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.redirect(`${base}/`));

  const dir = resolve(opts.dir);
  const indexFile = join(dir, "index.html");
  if (!existsSync(indexFile)) {
    app.log.warn({ dir }, "mini app build not found: run `npm run build` (npm start does it)");
    app.get(`${base}/*`, { schema: { hide: true } }, async (_req, reply) =>
      reply.status(503).type("text/plain; charset=utf-8").send("Ứng dụng chưa được build. Chạy: npm run build"),
    );
    return;
  }
  // <base>: the build refers to ./assets/…; on a deep path (/zapps/<id>/lesson/x, reloaded) they must still
  // resolve under the app's base, not under the path.
  const appIdScript = `window.APP_ID=${JSON.stringify(opts.miniappId)};`;
  const html = readFileSync(indexFile, "utf8").replace("<head>", `<head><base href="${base}/"><script>${appIdScript}</script>`);
  const csp = opts.csp([`'sha256-${createHash("sha256").update(appIdScript, "utf8").digest("base64")}'`]);
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    // The build loads ./assets/… relative to the page: without the trailing slash they would resolve outside the base.
    const [path, query] = req.url.split("?");
    if (path === base) return reply.redirect(`${base}/${query ? `?${query}` : ""}`);
    return reply.header("cache-control", "no-cache").header("content-security-policy", csp).type("text/html; charset=utf-8").send(html);
  };

  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: dir,
        index: false,
        wildcard: true,
        setHeaders(res, path) {
          if (/\/assets\//.test(path)) res.header("cache-control", "public, max-age=31536000, immutable");
        },
      });
      scope.get("/", { schema: { hide: true } }, sendIndex);
      scope.get("/index.html", { schema: { hide: true } }, sendIndex);
      scope.setNotFoundHandler((req, reply) => {
        if (req.method === "GET" && !/\.[a-z0-9]{2,5}$/i.test(req.url.split("?")[0]!)) return sendIndex(req, reply);
        return reply.status(404).send({ error: "not_found", message: "Không tìm thấy tệp này.", requestId: req.id });
      });
    },
    { prefix: base },
  );
}
