/** Today's date in Vietnam (UTC+7, no daylight saving), YYYY-MM-DD. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
