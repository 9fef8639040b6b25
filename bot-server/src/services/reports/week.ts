const DAY = 86_400_000;

/** Monday of the week (Vietnam time, UTC+7, no daylight saving) that holds `t`, as YYYY-MM-DD. */
export function vietnamWeekStart(t: Date): string {
  const vn = new Date(t.getTime() + 7 * 3600_000);
  const monday = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate()) - ((vn.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}
