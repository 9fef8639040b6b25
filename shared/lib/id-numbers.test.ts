import { describe, expect, it } from "vitest";
import { asciiDigits, hasIdNumber, maskIdNumbers } from "./id-numbers.js";

describe("hasIdNumber", () => {
  it.each([
    "0912345678",
    "091 234 5678",
    "091.234.5678",
    "091-234-5678",
    "(091) 234-5678",
    "091/234/5678",
    "+84 91 234 5678",
    "０９１２３４５６７８", // full-width, from some keyboards
    "CCCD 001 099 012 345",
    "٠٩١٢٣٤٥٦٧٨", // Arabic-Indic digits
    "nhà bác Tư 0912 345 678",
  ])("finds a phone or ID number in %j", (s) => {
    expect(hasIdNumber(s)).toBe(true);
  });
  it.each(["Số 12 ngõ 34 Đội Cấn", "Nhà bác Tư, xóm 3", "Ngõ 123/45/67, số 89", "Tổ 5 khu 2 năm 2026", "12345678"])("lets an address through: %j", (s) => {
    expect(hasIdNumber(s)).toBe(false);
  });
});

describe("maskIdNumbers", () => {
  it("hides each number and keeps the words", () => {
    expect(maskIdNumbers("Số của tôi là 091.234.5678, gọi giúp nhé")).toBe("Số của tôi là [số đã ẩn], gọi giúp nhé");
    expect(maskIdNumbers("cccd ０01099012345 và 0912345678")).toBe("cccd [số đã ẩn] và [số đã ẩn]");
  });
  it("leaves text with no number as it is", () => {
    expect(maskIdNumbers("1 3 7")).toBe("1 3 7");
    expect(maskIdNumbers("cài VNeID thế nào")).toBe("cài VNeID thế nào");
  });
});

describe("asciiDigits", () => {
  it("turns full-width and other digits into 0–9", () => {
    expect(asciiDigits("０１２ ٣٤٥ ६७८")).toBe("012 345 678");
  });
});
