import type { Clock } from "../../lib/clock.js";
import type { Repositories } from "../../repositories/index.js";
import { ZaloApiError } from "../../zalo/errors.js";
import type { OaClient, UserListQuery } from "../../zalo/oa-client.js";
import { fromDetail, PERIODS, vietnamDaysAgo } from "./zalo-follower.js";

export interface FollowerDeps {
  repos: Repositories;
  oa: OaClient;
  clock: Clock;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** getlist pages (count ≤ 50) up to offset 9,951: Zalo lists at most about 10,000 people per filter. */
export const PAGE = 50;
export const MAX_OFFSET = 9951;
/** user/detail calls under way at once (each still goes through the one rate limiter). */
const DETAILS_AT_ONCE = 8;

export interface ImportResult {
  startedAt: string;
  finishedAt: string;
  /** Per getlist filter: how many Zalo says match, and how many of them the pages reached. */
  lists: Record<string, { total: number; listed: number }>;
  /** Different people seen in any list. */
  followers: number;
  /** user/detail calls made (people whose last interaction we did not know to the day). */
  detailed: number;
  /** Followers Zalo counts that no list reached (more than 10,000 in one filter). */
  unreachable: number;
}

export const IMPORT_STATE_KEY = "followers_import";

async function eachPage(
  oa: OaClient,
  q: Omit<UserListQuery, "offset" | "count">,
  fn: (ids: string[], total: number) => Promise<void>,
): Promise<{ total: number; listed: number }> {
  let total = 0;
  let listed = 0;
  for (let offset = 0; offset <= MAX_OFFSET; offset += PAGE) {
    const r = await oa.userList({ ...q, offset, count: PAGE });
    total = r.total;
    if (r.users.length === 0) break;
    listed += r.users.length;
    await fn(
      r.users.map((u) => u.user_id),
      r.total,
    );
    if (offset + PAGE >= r.total) break;
  }
  return { total, listed };
}

/** user/detail for each id, a few at a time; people Zalo does not know (-201) are skipped. */
export async function detailsOf(deps: Pick<FollowerDeps, "oa">, ids: string[]): Promise<{ rows: ReturnType<typeof fromDetail>[]; unknownToZalo: string[] }> {
  const rows: ReturnType<typeof fromDetail>[] = [];
  const unknownToZalo: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        rows.push(fromDetail({ ...(await deps.oa.userDetail(id)), user_id: id }));
      } catch (err) {
        if (err instanceof ZaloApiError && err.code === -201) unknownToZalo.push(id);
        else throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DETAILS_AT_ONCE, ids.length) }, lane));
  return { rows, unknownToZalo };
}

/**
 * Imports the OA's followers from Zalo: people who followed before this server existed never send `follow`, so who
 * follows and when they last interacted come from getlist and user/detail. The recent ones first, by getlist's
 * last_interaction_period (TODAY, YESTERDAY, L7D, L30D: exactly those Zalo lets the OA message, each list
 * reaching up to about 10,000 people); then the plain follower list for everyone else (reachable by promotion).
 * TODAY and YESTERDAY give the day itself; for L7D and L30D, user/detail gives the day, asked only for people
 * we do not already know to have interacted since. Progress goes to the log; the outcome to oa_state.
 */
export async function importFollowers(deps: FollowerDeps): Promise<ImportResult> {
  const startedAt = deps.clock.now().toISOString();
  const seen = new Set<string>();
  const lists: ImportResult["lists"] = {};
  let detailed = 0;
  let lastLogged = 0;
  const progress = (list: string, total: number) => {
    if (seen.size - lastLogged < 1000) return;
    lastLogged = seen.size;
    deps.log.info({ list, followers: seen.size, listTotal: total }, "importing followers from Zalo");
  };

  for (const { period, daysAgo } of PERIODS) {
    const since = vietnamDaysAgo(deps.clock.now(), daysAgo);
    const exactDay = daysAgo <= 1;
    lists[period] = await eachPage(deps.oa, { isFollower: true, period }, async (ids, total) => {
      const fresh = ids.filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      const checkedAt = deps.clock.now().toISOString();
      if (exactDay) {
        await deps.repos.subscribers.recordFromZalo(
          fresh.map((userId) => ({ userId, following: true, lastInteractionAt: since, displayName: null })),
          checkedAt,
        );
      } else {
        const known = new Map((await deps.repos.subscribers.known(fresh)).map((k) => [k.user_id, k]));
        const recent = (id: string) => {
          const k = known.get(id);
          return !!k && !!k.last_interaction_at && k.last_interaction_at >= since;
        };
        const { rows } = await detailsOf(
          deps,
          fresh.filter((id) => !recent(id)),
        );
        detailed += rows.length;
        const rest = fresh.filter(recent).map((userId) => ({ userId, following: true, lastInteractionAt: null, displayName: null }));
        await deps.repos.subscribers.recordFromZalo([...rows, ...rest], checkedAt);
      }
      progress(period, total);
    });
    if (lists[period]!.total > lists[period]!.listed)
      deps.log.warn(
        { list: period, total: lists[period]!.total, listed: lists[period]!.listed },
        "Zalo lists at most about 10,000 people per filter: some recent followers could not be imported",
      );
  }

  lists.ALL = await eachPage(deps.oa, { isFollower: true }, async (ids, total) => {
    const fresh = ids.filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    await deps.repos.subscribers.recordFromZalo(
      fresh.map((userId) => ({ userId, following: true, lastInteractionAt: null, displayName: null })),
      deps.clock.now().toISOString(),
    );
    progress("ALL", total);
  });

  const result: ImportResult = {
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    lists,
    followers: seen.size,
    detailed,
    unreachable: Math.max(0, lists.ALL.total - seen.size),
  };
  await deps.repos.oaState.set(IMPORT_STATE_KEY, result, result.finishedAt);
  deps.log.info({ followers: result.followers, detailed, unreachable: result.unreachable, lists }, "followers imported from Zalo");
  return result;
}
