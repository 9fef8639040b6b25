import helmet from "helmet";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export interface SecurityHeadersOptions {
  sandbox: boolean;
  publicUrl: string | undefined;
}

/**
 * Where the pages this server serves may fetch from and load images of: itself, its public origin, and in sandbox
 * mode any local port (the web preview and the e2e tests open the app on localhost and call the API on 127.0.0.1).
 */
export function apiSources(o: SecurityHeadersOptions): string[] {
  const out = ["'self'"];
  if (o.publicUrl) out.push(new URL(o.publicUrl).origin);
  if (o.sandbox) out.push("http://localhost:*", "http://127.0.0.1:*");
  return out;
}

/** The default policy: the mini app's web build, Swagger UI and the verification pages live within it. */
function cspDirectives(o: SecurityHeadersOptions, extraScript: string[] = []): Record<string, string[]> {
  const api = apiSources(o);
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...extraScript],
    // zmp-ui sets style attributes from script; no remote styles.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...api.slice(1)],
    "font-src": ["'self'", "data:"],
    // A step's audio comes from the API, or from the phone's cache as a blob: URL when offline.
    "media-src": ["'self'", "blob:", ...api.slice(1)],
    "connect-src": api,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
}

/** The policy as a header value, for a page that adds its inline script's hash (the mini app's index). */
export function contentSecurityPolicy(o: SecurityHeadersOptions, extraScript: string[] = []): string {
  return Object.entries(cspDirectives(o, extraScript))
    .map(([k, v]) => `${k} ${v.join(" ")}`)
    .join("; ");
}

/**
 * Security headers on every response (helmet): the CSP above, nosniff, no referrer, no framing, and HSTS only when
 * the public URL is HTTPS (over plain HTTP, as in the sandbox, a browser ignores it and it would mislead).
 * Cross-Origin-Resource-Policy is cross-origin: inside Zalo the mini app (h5.zdn.vn) shows the API's posters.
 */
export const securityHeaders = fp(async (app: FastifyInstance, o: SecurityHeadersOptions) => {
  const https = !!o.publicUrl && o.publicUrl.startsWith("https://");
  // helmet's middleware, built once: @fastify/helmet builds it anew for every request (its CSP parsed each time),
  // which cost the webhook acknowledgement a few percent (tests/bench/profile-summary.ts).
  const headers = helmet({
    // Routes that need another policy (the mini app's page, the sandbox chat) set their own header, which replaces this.
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(o) },
    crossOriginResourcePolicy: { policy: "cross-origin" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "no-referrer" },
    frameguard: { action: "deny" },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  app.addHook("onRequest", (req, reply, done) => headers(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
});
