import { describe, expect, it } from "vitest";
import { csvCell, csvRows } from "./csv.js";

describe("csvCell (OWASP CSV injection)", () => {
  it.each(['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])("neutralises a cell starting like a formula: %j", (s) => {
    const out = csvCell(s);
    expect(out.replace(/^"/, "").startsWith("'")).toBe(true);
  });
  it("keeps numbers, negative ones too, and plain Vietnamese text as they are; quotes commas and quotes", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell("Phường Ba Đình")).toBe("Phường Ba Đình");
    expect(csvCell('Tổ "5", xóm 3')).toBe('"Tổ ""5"", xóm 3"');
    expect(csvCell(null)).toBe("");
  });
  it("writes rows", () => {
    expect(
      csvRows([
        ["a", 1],
        ["=b", null],
      ]),
    ).toBe("a,1\n'=b,\n");
  });
});
