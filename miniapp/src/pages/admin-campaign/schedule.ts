/** How far ahead a campaign may be scheduled. */
export const SCHEDULE_MAX_DAYS = 31;

/** "2025-06-02T09:30" in the phone's time zone, for a datetime-local input. */
export function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The time typed for "Hẹn giờ", or why it cannot be used. */
export function scheduledTime(typed: string, now: Date): { at: Date } | { problem: string } {
  const when = typed ? new Date(typed) : null;
  if (!when || Number.isNaN(when.getTime())) return { problem: "Hãy chọn ngày và giờ gửi." };
  if (when.getTime() <= now.getTime()) return { problem: "Hãy chọn một thời điểm sau bây giờ." };
  if (when.getTime() > now.getTime() + SCHEDULE_MAX_DAYS * 24 * 3600_000) return { problem: `Chỉ hẹn giờ trong vòng ${SCHEDULE_MAX_DAYS} ngày tới.` };
  return { at: when };
}
