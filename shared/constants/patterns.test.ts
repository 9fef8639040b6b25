import { describe, expect, it } from "vitest";
import { AREA_CODE, COMMUNE_CODE, INVITE_CODE, KEBAB_ID, MARKUP, PROVINCE_CODE, QUESTION_ID, REF_CODE, ZALO_USER_ID } from "./patterns.js";

const accepts = (re: RegExp, ok: string[], bad: string[]) => {
  for (const s of ok) expect(re.test(s), s).toBe(true);
  for (const s of bad) expect(re.test(s), s).toBe(false);
};

describe("shared formats", () => {
  it("area codes: a province has 2 digits, a commune 5", () => {
    accepts(AREA_CODE, ["01", "79", "00004", "26734"], ["", "1", "001", "0004", "000040", "0a", " 01"]);
    accepts(PROVINCE_CODE, ["01"], ["00004", "1"]);
    accepts(COMMUNE_CODE, ["00004"], ["01", "0004a"]);
  });
  it("ref and invite codes", () => {
    accepts(REF_CODE, ["t-AbC_12", "x", "a".repeat(32)], ["", "a".repeat(33), "có-dấu", "a b", "a.b"]);
    accepts(INVITE_CODE, ["eyJhbGciOi.abc-_x", "a".repeat(200)], ["short", "a".repeat(201), "a b c d e f g"]);
  });
  it("ids", () => {
    accepts(KEBAB_ID, ["bat-may", "vneid", "a1-b2"], ["Bat-may", "bat--may", "-bat", "bat-", "bật-máy"]);
    accepts(QUESTION_ID, ["q1", "q9", "q10", "q99"], ["q0", "q01", "q100", "Q1"]);
    accepts(ZALO_USER_ID, ["1", "8475629301847562930"], ["", "12a", "1".repeat(26)]);
  });
  it("markup is any < or >", () => {
    accepts(MARKUP, ["<b>", "a > b", "<"], ["Bấm **Gửi**", "1 ≤ 2"]);
  });
});
