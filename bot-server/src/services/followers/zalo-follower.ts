import { vietnamClock, vietnamTime } from "../../../../shared/lib/vietnam-time.js";
import type { UserDetail } from "../../zalo/oa-client.js";

/** The start of the Vietnam day `daysAgo` days before the one holding `now`, as an ISO instant. */
export function vietnamDaysAgo(now: Date, daysAgo: number): string {
  const vn = vietnamClock(now);
  return vietnamTime(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate() - daysAgo).toISOString();
}

/**
 * user/detail's user_last_interaction_date is a Vietnam date, "dd/mm/yyyy" (seen in integrations; Zalo gives no
 * time). Its start is kept: the 48 h free window is then never thought longer than it is.
 */
export function lastInteractionFromDetail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return vietnamTime(y, mo, d).toISOString();
}

/** What user/detail tells of a person, as the subscribers table keeps it. */
export function fromDetail(d: UserDetail): { userId: string; following: boolean; lastInteractionAt: string | null; displayName: string | null } {
  const name = typeof d.display_name === "string" && d.display_name.trim() ? d.display_name.trim().slice(0, 200) : null;
  return {
    userId: String(d.user_id),
    following: d.user_is_follower === true || String(d.user_is_follower) === "true",
    lastInteractionAt: lastInteractionFromDetail(d.user_last_interaction_date),
    displayName: name,
  };
}

/**
 * getlist's recent-interaction periods, most recent first, with the earliest moment each implies (Vietnam days):
 * TODAY, YESTERDAY, L7D (the last 7 days, today included), L30D. Paging each one reaches up to about 10,000
 * people apiece (offset ≤ 9,951), exactly the recent ones Zalo lets the OA message.
 */
export const PERIODS = [
  { period: "TODAY", daysAgo: 0 },
  { period: "YESTERDAY", daysAgo: 1 },
  { period: "L7D", daysAgo: 6 },
  { period: "L30D", daysAgo: 29 },
] as const;
