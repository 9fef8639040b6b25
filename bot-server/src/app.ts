import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { loadCourseOrThrow, type Course } from "../../shared/content-loader.js";
import type { Config } from "./config.js";
import type { Db } from "./db/connect.js";
import { systemClock, type Clock } from "./lib/clock.js";
import { databasePlugin } from "./plugins/database.js";
import { docsGuard } from "./plugins/docs-guard.js";
import { errorHandler } from "./plugins/error-handler.js";
import { followerImportPlugin } from "./plugins/follower-import.js";
import { inboxPlugin } from "./plugins/inbox.js";
import { jobsPlugin } from "./plugins/jobs.js";
import { linksPlugin } from "./plugins/links.js";
import { contentSecurityPolicy, securityHeaders } from "./plugins/security-headers.js";
import { servicesPlugin } from "./plugins/services.js";
import { textGuard } from "./plugins/text-guard.js";
import { workersPlugin } from "./plugins/workers.js";
import { zaloPlugin } from "./plugins/zalo.js";
import { adminApi } from "./routes/admin-api.js";
import { areaRoutes } from "./routes/areas.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes } from "./routes/health.js";
import { meRoutes } from "./routes/me.js";
import { miniappRoutes } from "./routes/miniapp.js";
import { newsRoutes } from "./routes/news.js";
import { oauthRoutes } from "./routes/oauth.js";
import { audioRoutes } from "./routes/audio.js";
import { localLessonRoutes } from "./routes/local-lessons.js";
import { certificateRoutes } from "./routes/certificates.js";
import { assessmentRoutes } from "./routes/assessments.js";
import { ledgerRoutes } from "./routes/ledger.js";
import { posterRoutes } from "./routes/posters.js";
import { progressRoutes } from "./routes/progress.js";
import { teamRoutes } from "./routes/teams.js";
import { webhookRoutes } from "./routes/webhook.js";

export interface AppOverrides {
  clock?: Clock;
  course?: Course;
  db?: Db;
}

/** Zalo's mini app webview origin; localhost is added in sandbox mode for the web preview. */
const ZALO_ORIGIN = "https://h5.zdn.vn";

export function corsOrigin(sandbox: boolean) {
  return (origin: string | undefined, cb: (err: Error | null, allow: boolean) => void) => {
    if (!origin) return cb(null, false);
    if (origin === ZALO_ORIGIN) return cb(null, true);
    cb(null, sandbox && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin));
  };
}

/** Trusts the nearest `n` proxies (X-Forwarded-For hops), as proxy-addr does for a number. */
const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

/**
 * Composes the server: config → external plugins → database → services, Zalo clients, links, jobs → routes. Each
 * app plugin decorates one thing and names the plugins it needs. Tests drive the result with app.inject.
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === "silent"
        ? false
        : {
            level: config.logLevel,
            // The operator's key travels in /oauth/zalo/start?key=…: it never reaches the logs.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                url: req.url.replace(/([?&]key=)[^&]*/i, "$1[redacted]"),
                id: req.id,
              }),
            },
          },
    bodyLimit: config.bodyLimit,
    requestIdHeader: "x-request-id",
    // Behind a reverse proxy (TRUST_PROXY): req.ip is the real client, so rate limits are per person, not per proxy.
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    // A malformed URL or an over-long path parameter: the app's error format, without echoing the URL back.
    frameworkErrors: (err, req, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const long = err.code === "FST_ERR_MAX_PARAM_LENGTH";
      req.log.info({ code: err.code }, "request refused");
      void reply
        .code(long ? 414 : 400)
        .type("application/json; charset=utf-8")
        .send(JSON.stringify({ error: long ? "path_too_long" : "bad_url", message: long ? "Địa chỉ quá dài." : "Địa chỉ không hợp lệ.", requestId: req.id }));
    },
  });
  // The API takes JSON only: without this, Fastify's built-in text/plain parser hands a string to the schema
  // (a bare fetch() of JSON.stringify(...) is sent as text/plain) and the client gets a misleading 400.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandler);
  const sandbox = config.mode === "sandbox";
  const headerOptions = { sandbox, publicUrl: config.publicUrl };
  await app.register(securityHeaders, headerOptions);
  await app.register(textGuard);
  // Every method the mini app uses (DELETE: erase my data, remove a member; PUT: name a leader), not cors' default.
  await app.register(cors, { origin: corsOrigin(sandbox), methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], maxAge: 600 });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: "Kỹ năng số cộng đồng API", version: "1" },
      components: { securitySchemes: { session: { type: "http", scheme: "bearer" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(docsGuard, { sandbox, operatorKey: config.operatorKey });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  await app.register(databasePlugin, { url: config.databaseUrl, poolSize: config.databasePoolSize, ...(overrides.db ? { db: overrides.db } : {}) });
  await app.register(servicesPlugin, { config, course: overrides.course ?? loadCourseOrThrow(), clock: overrides.clock ?? systemClock });
  await app.register(zaloPlugin, { config });
  await app.register(linksPlugin, { config });
  await app.register(jobsPlugin, { config });
  await app.register(inboxPlugin, { config });
  await app.register(workersPlugin, { config });
  await app.register(followerImportPlugin, { config });

  await app.register(healthRoutes, { sandbox });
  await app.register(authRoutes);
  await app.register(progressRoutes);
  await app.register(newsRoutes);
  await app.register(meRoutes);
  await app.register(areaRoutes);
  await app.register(posterRoutes);
  await app.register(audioRoutes);
  await app.register(localLessonRoutes);
  await app.register(certificateRoutes);
  await app.register(assessmentRoutes);
  await app.register(ledgerRoutes);
  await app.register(teamRoutes);
  await app.register(adminApi, { campaignCosts: config.campaignCosts, reportCosts: config.reportCosts });
  await app.register(webhookRoutes, { maxAgeHours: config.webhookMaxAgeHours });
  await app.register(oauthRoutes, { sandbox, operatorKey: config.operatorKey, publicUrl: config.publicUrl, port: config.port });
  await app.register(miniappRoutes, {
    dir: config.miniappDir,
    miniappId: app.zalo.ids.miniappId,
    csp: (hashes) => contentSecurityPolicy(headerOptions, hashes),
    ...(config.zaloDomainVerification ? { domainVerification: config.zaloDomainVerification } : {}),
  });
  return app;
}
