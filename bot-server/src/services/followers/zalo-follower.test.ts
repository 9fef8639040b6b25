import { describe, expect, it } from "vitest";
import { vietnamDayNumber } from "../../../../shared/lib/vietnam-time.js";
import { periodRange } from "../../sandbox/world.js";
import { fromDetail, lastInteractionFromDetail, PERIODS, vietnamDaysAgo } from "./zalo-follower.js";

describe("what Zalo says of a follower", () => {
  // user/detail's user_last_interaction_date is "dd/mm/yyyy" (integrations: "06/07/2023"), a Vietnam date.
  it("the last interaction date becomes the start of that day in Vietnam (UTC+7)", () => {
    expect(lastInteractionFromDetail("06/07/2023")).toBe("2023-07-05T17:00:00.000Z");
    expect(lastInteractionFromDetail(" 1/12/2026 ")).toBe("2026-11-30T17:00:00.000Z");
    for (const bad of ["", "2023-07-06", "32/01/2024", "01/13/2024", 1688601600000, null, undefined]) expect(lastInteractionFromDetail(bad)).toBeNull();
  });

  it("user_is_follower as a boolean or the string 'true'; a blank name is no name", () => {
    expect(fromDetail({ user_id: "1", user_is_follower: true, display_name: " Bà Tư ", user_last_interaction_date: "02/06/2025" })).toEqual({
      userId: "1",
      following: true,
      lastInteractionAt: "2025-06-01T17:00:00.000Z",
      displayName: "Bà Tư",
    });
    expect(fromDetail({ user_id: "2", user_is_follower: "true" as unknown as boolean, display_name: "  " })).toMatchObject({
      following: true,
      displayName: null,
      lastInteractionAt: null,
    });
    expect(fromDetail({ user_id: "3", user_is_follower: false })).toMatchObject({ following: false });
  });

  it("the periods' earliest day agrees with the sandbox's getlist filter (Vietnam days, today included in L7D and L30D)", () => {
    const now = new Date("2025-06-02T18:30:00.000Z"); // 01:30 on 3 June in Vietnam
    expect(vietnamDaysAgo(now, 0)).toBe("2025-06-02T17:00:00.000Z");
    for (const { period, daysAgo } of PERIODS) {
      const range = periodRange(period, now.getTime()) as [number, number];
      expect(range[0]).toBe(vietnamDayNumber(Date.parse(vietnamDaysAgo(now, daysAgo))));
    }
    expect(periodRange("2025_06_01:2025_06_02", now.getTime())).toEqual([
      vietnamDayNumber(Date.parse("2025-06-01T00:00:00+07:00")),
      vietnamDayNumber(Date.parse("2025-06-02T00:00:00+07:00")),
    ]);
    expect(periodRange("L90D", now.getTime())).toBeNull();
    expect(periodRange("2025_06_03:2025_06_01", now.getTime())).toBeNull();
  });
});
