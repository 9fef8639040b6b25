/**
 * Vietnam keeps UTC+7 all year, with no daylight saving: its dates and hours are a fixed shift of UTC's, so no
 * time-zone database is needed (older phones' webviews and the server agree to the second).
 */
const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** For Intl formatting (dates shown to people). */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** The instant shifted so that its UTC fields (getUTCFullYear … getUTCHours, getUTCDay) read Vietnam's wall clock. */
export function vietnamClock(t: Date | number): Date {
  return new Date(+t + OFFSET_MS);
}

/** The Vietnam date that holds the instant, YYYY-MM-DD. */
export function vietnamDate(t: Date | number): string {
  return vietnamClock(t).toISOString().slice(0, 10);
}

/** The instant it is `hour`:00 on a Vietnam date (month 1–12; a day past the month's end rolls over, as in Date.UTC). */
export function vietnamTime(year: number, month: number, day: number, hour = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour) - OFFSET_MS);
}

/** Days since 1970-01-01 of the Vietnam date that holds the instant: whole days compare as numbers. */
export function vietnamDayNumber(t: Date | number): number {
  return Math.floor((+t + OFFSET_MS) / DAY_MS);
}

/** Monday of the week (Vietnam time) that holds the instant, YYYY-MM-DD. */
export function vietnamWeekStart(t: Date | number): string {
  const vn = vietnamClock(t);
  const monday = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() - ((vn.getUTCDay() + 6) % 7));
  return new Date(monday).toISOString().slice(0, 10);
}

const dateTimeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: VIETNAM_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** An ISO instant as people in Vietnam read it ("09:30 02/06/2025"); text that is not a date is shown as it is. */
export function vietnamDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}
