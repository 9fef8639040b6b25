import type { AxiosAdapter } from "axios";
import type { FastifyInstance } from "fastify";
import type { Config } from "../config.js";
import { oaTokenKeeper, type OaTokenKeeper } from "../services/oa-token-keeper.js";
import { graphClient, type GraphClient } from "../zalo/graph-client.js";
import { oaClient, zaloRateLimiter, type OaClient, type TokenSource } from "../zalo/oa-client.js";
import { oauthClient, type OAuthClient } from "../zalo/oauth-client.js";

/** What the server is known as at Zalo: its app, its mini app and its OA (whose secret key signs the webhook). */
export interface ZaloIds {
  appId: string;
  miniappId: string;
  oaId: string;
  oaSecretKey: string;
}

export type WebhookState = "ok" | "disabled" | "unknown";

export interface ZaloClients {
  ids: ZaloIds;
  graph: GraphClient;
  oauth: OAuthClient;
  tokens: OaTokenKeeper;
  oa: OaClient;
  /** Whether Zalo delivers webhook events: only the sandbox can tell. */
  webhookState(): WebhookState;
}

/** Where the clients reach Zalo: Zalo itself, or the sandbox mounted in this server. */
export interface ZaloEndpoint {
  ids: ZaloIds & { appSecret: string };
  urls: { graph: string; openapi: string; oauth: string };
  /** Requests answered in-process (the sandbox); unset: over the network. */
  adapter?: AxiosAdapter;
  /** The tokens the OA client uses, given the stored ones; unset: the stored ones. */
  tokenSource?(oauth: OAuthClient, tokens: OaTokenKeeper): TokenSource;
  webhookState?(): WebhookState;
}

/** The same clients in both modes: only the endpoint they reach differs. */
export function zaloClients(app: FastifyInstance, config: Config, e: ZaloEndpoint): ZaloClients {
  const { repos, clock } = app.services;
  const { ids, urls, adapter } = e;
  const oauth = oauthClient({ baseUrl: urls.oauth, appId: ids.appId, appSecret: ids.appSecret, adapter });
  const tokens = oaTokenKeeper({ oaId: ids.oaId, tokens: repos.tokens, locks: repos.locks, oauth, clock, log: app.log });
  const shared = config.redisUrl ? { redisUrl: config.redisUrl, prefix: config.redisPrefix } : undefined;
  const limiter = config.zaloRateLimitPerMinute > 0 ? zaloRateLimiter(config.zaloRateLimitPerMinute, shared) : null;
  if (limiter) app.addHook("onClose", () => limiter.disconnect());
  return {
    ids: { appId: ids.appId, miniappId: ids.miniappId, oaId: ids.oaId, oaSecretKey: ids.oaSecretKey },
    graph: graphClient({ baseUrl: urls.graph, appSecret: ids.appSecret, adapter }),
    oauth,
    tokens,
    oa: oaClient({ baseUrl: urls.openapi, tokens: e.tokenSource?.(oauth, tokens) ?? tokens, limiter, adapter, quotaMethod: config.zaloQuotaMethod }),
    webhookState: e.webhookState ?? (() => "unknown"),
  };
}
