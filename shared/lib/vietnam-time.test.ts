import { describe, expect, it } from "vitest";
import { vietnamClock, vietnamDate, vietnamDateTime, vietnamDayNumber, vietnamTime, vietnamWeekStart } from "./vietnam-time.js";

describe("vietnamDate", () => {
  it("is UTC+7 with no daylight saving: the date turns at 17:00 UTC", () => {
    expect(vietnamDate(new Date("2026-11-28T16:59:59Z"))).toBe("2026-11-28");
    expect(vietnamDate(new Date("2026-11-28T17:00:00Z"))).toBe("2026-11-29");
    expect(vietnamDate(Date.parse("2026-06-30T17:00:00Z"))).toBe("2026-07-01"); // midsummer too: no DST
    expect(vietnamDate(Date.parse("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });
});

describe("vietnamClock", () => {
  it("reads Vietnam's hour and weekday through the UTC fields", () => {
    const vn = vietnamClock(new Date("2026-11-29T15:00:00Z"));
    expect([vn.getUTCHours(), vn.getUTCDay(), vn.getUTCDate()]).toEqual([22, 0, 29]); // Sunday 22:00 in Hà Nội
    expect(vietnamClock(Date.parse("2026-11-28T23:00:00Z")).getUTCHours()).toBe(6);
  });
});

describe("vietnamTime", () => {
  it("is the instant a Vietnam date (and hour) begins", () => {
    expect(vietnamTime(2023, 7, 6).toISOString()).toBe("2023-07-05T17:00:00.000Z");
    expect(vietnamTime(2026, 11, 29, 6).toISOString()).toBe("2026-11-28T23:00:00.000Z");
  });
  it("rolls a day past the month's end, or before its start, into the next or last month", () => {
    expect(vietnamTime(2026, 11, 31).toISOString()).toBe("2026-11-30T17:00:00.000Z"); // 1 December
    expect(vietnamTime(2026, 3, 0).toISOString()).toBe("2026-02-27T17:00:00.000Z"); // 28 February
  });
});

describe("vietnamDayNumber", () => {
  it("counts Vietnam dates: the same number all day, one more from midnight in Hà Nội", () => {
    const start = vietnamDayNumber(Date.parse("2025-06-01T00:00:00+07:00"));
    expect(start).toBe(20240);
    expect(vietnamDayNumber(Date.parse("2025-06-01T23:59:59+07:00"))).toBe(start);
    expect(vietnamDayNumber(new Date("2025-06-01T17:00:00Z"))).toBe(start + 1);
  });
});

describe("vietnamWeekStart", () => {
  it("weeks start on Monday in Vietnam time", () => {
    expect(vietnamWeekStart(new Date("2026-11-29T16:59:59Z"))).toBe("2026-11-23"); // Sunday 23:59 in Hà Nội
    expect(vietnamWeekStart(new Date("2026-11-29T17:00:00Z"))).toBe("2026-11-30"); // Monday 00:00 in Hà Nội
    expect(vietnamWeekStart(new Date("2026-11-30T00:00:00+07:00"))).toBe("2026-11-30");
    expect(vietnamWeekStart(new Date("2027-01-02T12:00:00+07:00"))).toBe("2026-12-28"); // across a year
  });
});

describe("vietnamDateTime", () => {
  it("shows an instant as hour and date in Vietnam", () => {
    expect(vietnamDateTime("2025-06-02T02:30:00Z")).toBe("09:30 02/06/2025");
    expect(vietnamDateTime("2025-06-01T17:00:00.000Z")).toBe("00:00 02/06/2025");
  });
  it("leaves text that is not a date as it is", () => {
    expect(vietnamDateTime("chưa rõ")).toBe("chưa rõ");
  });
});
