import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Course } from "../../../shared/content-loader.js";
import type { Config } from "../config.js";
import type { Clock } from "../lib/clock.js";
import { inviteCodes, type InviteCodes } from "../lib/invite-codes.js";
import { sessionTokens, type SessionTokens } from "../lib/session.js";
import { repositories, type Repositories } from "../repositories/index.js";
import { sandboxIdentity, type SandboxIdentity } from "../sandbox/identity.js";
import { injectAdapter } from "../sandbox/inject-adapter.js";
import { courseCatalog, type CourseCatalog } from "../services/course-catalog.js";
import { graphClient, type GraphClient } from "../zalo/graph-client.js";

export interface Services {
  repos: Repositories;
  course: Course;
  catalog: CourseCatalog;
  sessions: SessionTokens;
  /** Signed team invite codes (a key derived from the session secret). */
  invites: InviteCodes;
  graph: GraphClient;
  clock: Clock;
  /** The mini app's id: the path it is served under, /zapps/<miniappId>/. */
  miniappId: string;
  /** Present in sandbox mode only. */
  sandbox: SandboxIdentity | null;
}

declare module "fastify" {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesPluginOptions {
  config: Config;
  course: Course;
  clock: Clock;
}

export const servicesPlugin = fp(async (app: FastifyInstance, { config, course, clock }: ServicesPluginOptions) => {
  const sandbox = config.sandbox ? sandboxIdentity(config.sandboxSeed) : null;
  const zalo = config.zalo;
  const graph = sandbox
    ? graphClient({ baseUrl: "http://sandbox.local/sandbox/graph", appSecret: sandbox.appSecret, adapter: injectAdapter(app) })
    : graphClient({ baseUrl: zalo!.graphUrl, appSecret: zalo!.appSecret });
  // Without a configured secret (sandbox only: config demands one otherwise) sessions end when the process does.
  const secret = config.sessionSecret ?? randomBytes(32).toString("hex");
  app.decorate("services", {
    repos: repositories(app.database.db, app.database.dialect),
    course,
    catalog: courseCatalog(course),
    sessions: sessionTokens(secret, config.sessionTtlMinutes, clock),
    invites: inviteCodes(secret),
    graph,
    clock,
    miniappId: sandbox?.miniappId ?? zalo!.miniappId,
    sandbox,
  } satisfies Services);
});
