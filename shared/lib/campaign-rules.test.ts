import { describe, expect, it } from "vitest";
import { MAX_TEXT_CHARS } from "../constants/zalo.js";
import { APPROVAL_MIN_COMMUNES, fitsOneMessage, inCampaignArea, isProvinceWide, messageLength, needsSecondApproval } from "./campaign-rules.js";

const communes = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(5, "0"));

describe("one message: title, a blank line, text", () => {
  it("counts the blank line between title and text", () => {
    expect(messageLength("Tin mới", "Nội dung")).toBe(17);
    expect(messageLength("", "")).toBe(2);
  });
  it("fits up to 2,000 characters and no more", () => {
    expect(MAX_TEXT_CHARS).toBe(2000);
    expect(fitsOneMessage("x".repeat(100), "y".repeat(1898))).toBe(true);
    expect(fitsOneMessage("x".repeat(100), "y".repeat(1899))).toBe(false);
  });
});

describe("isProvinceWide", () => {
  it("is a province's code with no communes picked", () => {
    expect(isProvinceWide({ areaCode: "01", communes: [] })).toBe(true);
    expect(isProvinceWide({ areaCode: "01", communes: ["00004"] })).toBe(false);
    expect(isProvinceWide({ areaCode: "00004", communes: [] })).toBe(false);
  });
});

describe("needsSecondApproval", () => {
  it("a whole province, or 10 communes of it or more (repeats counted once), needs a second official", () => {
    expect(APPROVAL_MIN_COMMUNES).toBe(10);
    expect(needsSecondApproval({ areaCode: "01", communes: [] })).toBe(true);
    expect(needsSecondApproval({ areaCode: "01", communes: communes(10) })).toBe(true);
    expect(needsSecondApproval({ areaCode: "01", communes: communes(9) })).toBe(false);
    expect(needsSecondApproval({ areaCode: "01", communes: [...communes(9), "00001"] })).toBe(false);
  });
  it("a commune's campaign never does", () => {
    expect(needsSecondApproval({ areaCode: "00004", communes: [] })).toBe(false);
  });
});

describe("inCampaignArea", () => {
  it("a province's campaign reaches its whole province; a commune's only that commune", () => {
    expect(inCampaignArea({ areaCode: "01", communes: [] }, "01", "00004")).toBe(true);
    expect(inCampaignArea({ areaCode: "01", communes: [] }, "79", "26734")).toBe(false);
    expect(inCampaignArea({ areaCode: "00004", communes: [] }, "01", "00004")).toBe(true);
    expect(inCampaignArea({ areaCode: "00004", communes: [] }, "01", "00008")).toBe(false);
  });
  it("with communes picked, only people of those communes, whether listed or in a set", () => {
    for (const picked of [["00004", "00008"], new Set(["00004", "00008"])]) {
      const c = { areaCode: "01", communes: picked };
      expect(inCampaignArea(c, "01", "00008")).toBe(true);
      expect(inCampaignArea(c, "01", "00012")).toBe(false);
      expect(inCampaignArea(c, "01", null)).toBe(false);
    }
  });
  it("a person who gave no place is in no area", () => {
    expect(inCampaignArea({ areaCode: "01", communes: [] }, null, null)).toBe(false);
    expect(inCampaignArea({ areaCode: "00004", communes: [] }, null, null)).toBe(false);
  });
});
