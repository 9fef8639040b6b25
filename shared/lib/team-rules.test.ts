import { describe, expect, it } from "vitest";
import { HOUSEHOLD_MAX, householdLabel, householdProblem } from "./team-rules.js";

describe("householdLabel", () => {
  it("is trimmed, with each run of spaces made one", () => {
    expect(householdLabel("  Nhà bác Tư,\t xóm   3 \n")).toBe("Nhà bác Tư, xóm 3");
  });
});

describe("householdProblem", () => {
  it("lets an address or a name of a house through, house numbers included", () => {
    for (const s of ["Nhà bác Tư, xóm 3", "Số 12 ngõ 34 Đội Cấn", "Ngõ 123/45/67, số 89", "x".repeat(HOUSEHOLD_MAX)]) expect(householdProblem(s)).toBeNull();
  });
  it("asks for a label when there is none", () => {
    expect(householdProblem("")).toBe("missing");
    expect(householdProblem("  \n ")).toBe("missing");
  });
  it("counts the length as stored: spaces around and between words do not count twice", () => {
    expect(householdProblem("x".repeat(HOUSEHOLD_MAX + 1))).toBe("too_long");
    expect(householdProblem(` ${"x".repeat(HOUSEHOLD_MAX)}   `)).toBeNull();
  });
  it("refuses hidden or direction-changing characters", () => {
    expect(householdProblem("Nhà\u200Bbác Tư")).toBe("hidden_characters");
    expect(householdProblem("Nhà bác \u202ETư")).toBe("hidden_characters");
  });
  it("refuses a phone or ID number, also when the spaces inside it are collapsed", () => {
    expect(householdProblem("Nhà bác Tư 0912 345 678")).toBe("id_number");
    expect(householdProblem("CCCD 001099012345")).toBe("id_number");
    expect(householdProblem("091    234    5678")).toBe("id_number");
  });
  it("names the first problem when there are several", () => {
    expect(householdProblem(`0912345678 ${"x".repeat(HOUSEHOLD_MAX)}`)).toBe("too_long");
    expect(householdProblem("0912345678\u200B")).toBe("hidden_characters");
  });
});
