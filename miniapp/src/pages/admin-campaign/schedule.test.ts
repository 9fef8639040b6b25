import { describe, expect, it } from "vitest";
import { localInputValue, scheduledTime } from "./schedule";

describe("Hẹn giờ: the time typed for a scheduled campaign", () => {
  const now = new Date(2026, 5, 2, 9, 30, 15);

  it("is shown to the datetime-local input in the phone's own time", () => {
    expect(localInputValue(now)).toBe("2026-06-02T09:30");
    expect(localInputValue(new Date(2026, 0, 5, 7, 4))).toBe("2026-01-05T07:04");
  });

  it("must be given, after now, and within 31 days", () => {
    expect(scheduledTime("", now)).toEqual({ problem: "Hãy chọn ngày và giờ gửi." });
    expect(scheduledTime("không phải ngày", now)).toEqual({ problem: "Hãy chọn ngày và giờ gửi." });
    expect(scheduledTime("2026-06-02T09:30", now)).toEqual({ problem: "Hãy chọn một thời điểm sau bây giờ." });
    expect(scheduledTime("2026-07-03T09:31", now)).toEqual({ problem: "Chỉ hẹn giờ trong vòng 31 ngày tới." });
    expect(scheduledTime("2026-07-03T09:30", now)).toEqual({ at: new Date(2026, 6, 3, 9, 30) });
    expect(scheduledTime("2026-06-02T09:31", now)).toEqual({ at: new Date(2026, 5, 2, 9, 31) });
  });
});
