import type { z } from "zod";
import type { healthResponseSchema } from "../../../../shared/schemas/api.js";
import type { Dialect } from "../../db/connect.js";
import type { Repositories } from "../../repositories/index.js";
import type { OaConnection } from "../oa-token-keeper.js";
import { OA_LINK_KEY } from "../sign-in.js";

type HealthResponse = z.infer<typeof healthResponseSchema>;

export interface HealthDeps {
  repos: Repositories;
  dialect: Dialect;
  tokens: { connection(): Promise<OaConnection> };
  webhookState(): HealthResponse["webhook"]["status"];
  sandbox: boolean;
  log: { error(obj: object, msg: string): void };
}

/** The database, the OA's connection, the mini app's link to the OA and the webhook, each as far as it can be told. */
export async function checkHealth(deps: HealthDeps): Promise<HealthResponse> {
  let up = true;
  try {
    await deps.repos.ping();
  } catch (err) {
    deps.log.error({ err }, "database health check failed");
    up = false;
  }
  const oa = await deps.tokens.connection().catch(() => ({ status: "degraded" as const, reason: "unknown" }));
  const link = await deps.repos.oaState.get<{ linked: boolean }>(OA_LINK_KEY).catch(() => null);
  const lastEventAt = await deps.repos.inbox.lastReceivedAt().catch(() => null);
  return {
    status: up && oa.status === "ok" ? "ok" : "degraded",
    database: { status: up ? "ok" : "down", dialect: deps.dialect },
    oa,
    webhook: { status: deps.webhookState(), lastEventAt },
    miniappOaLink: link === null ? "unknown" : link.value.linked ? "linked" : "not_linked",
    sandbox: deps.sandbox,
  };
}
