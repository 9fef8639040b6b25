import { describe, expect, it } from "vitest";
import { vietnamToday } from "./vietnam-date.js";

describe("vietnamToday", () => {
  it("is UTC+7 with no daylight saving", () => {
    expect(vietnamToday(new Date("2026-11-28T16:59:59Z"))).toBe("2026-11-28");
    expect(vietnamToday(new Date("2026-11-28T17:00:00Z"))).toBe("2026-11-29");
  });
});
