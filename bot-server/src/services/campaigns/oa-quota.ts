import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient } from "../../zalo/oa-client.js";

export const QUOTA_KEY = "message_quota";

export interface QuotaSnapshot {
  /** Proactive messages left in the OA's quota, as Zalo last said (0 once a send was refused for quota). */
  remain: number;
  total: number;
  type: string;
  /** Set when Zalo refused a send for quota or money (-211, -320, -321): what is left waits until it is read again. */
  exhaustedCode: number | null;
}

interface QuotaDeps {
  oa: OaClient;
  repos: Repositories;
  clock: Clock;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * The OA's message quota (quota/message), read from Zalo at most once per `maxAgeMs` and shared by every process
 * through oa_state. Null when Zalo could not be asked and nothing was read before: planning then counts on none.
 */
export async function readQuota(deps: QuotaDeps, maxAgeMs = 60_000): Promise<QuotaSnapshot | null> {
  const now = deps.clock.now();
  const stored = await deps.repos.oaState.get<QuotaSnapshot>(QUOTA_KEY);
  if (stored && now.getTime() - Date.parse(stored.updatedAt) < maxAgeMs) return stored.value;
  try {
    const q = await deps.oa.quota();
    const snapshot: QuotaSnapshot = { remain: Math.max(0, Math.floor(q.remain)), total: Math.max(0, Math.floor(q.total)), type: q.type, exhaustedCode: null };
    await deps.repos.oaState.set(QUOTA_KEY, snapshot, now.toISOString());
    return snapshot;
  } catch (err) {
    if (!(err instanceof ZaloApiError)) throw err;
    deps.log?.warn({ code: err.code }, "could not read the OA's message quota from Zalo");
    return stored?.value ?? null;
  }
}

/** Zalo refused a send for quota or money: remembered (and alerted) so the rest is held without asking Zalo each time. */
export async function quotaRanOut(deps: QuotaDeps, code: number): Promise<void> {
  const stored = await deps.repos.oaState.get<QuotaSnapshot>(QUOTA_KEY);
  const snapshot: QuotaSnapshot = { remain: 0, total: stored?.value.total ?? 0, type: stored?.value.type ?? "", exhaustedCode: code };
  await deps.repos.oaState.set(QUOTA_KEY, snapshot, deps.clock.now().toISOString());
  deps.log?.error(
    { code },
    code === -211
      ? "the OA's message quota is spent: proactive messages wait in people's inboxes until it is topped up"
      : "Zalo Cloud Account missing or out of money: paid messages wait in people's inboxes",
  );
}

/** Whether a refusal for quota or money is recent enough that sending proactive messages again would be refused too. */
export async function quotaOut(deps: Pick<QuotaDeps, "repos" | "clock">, withinMs = 10 * 60_000): Promise<number | null> {
  const stored = await deps.repos.oaState.get<QuotaSnapshot>(QUOTA_KEY);
  if (!stored || stored.value.exhaustedCode === null) return null;
  return deps.clock.now().getTime() - Date.parse(stored.updatedAt) < withinMs ? stored.value.exhaustedCode : null;
}
