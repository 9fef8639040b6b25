import { describe, expect, it } from "vitest";
import { findUnsafeText, stripUnsafeControls, stripUnsafeText, unsafeTextProblem } from "./unsafe-text.js";

describe("unsafeTextProblem", () => {
  it.each([
    ["Tổ\u0000 5", "control"],
    ["a\u0007b", "control"],
    ["\ud800x", "surrogate"],
    ["x\udc00", "surrogate"],
    ["abc\u202Efed", "bidi"],
    ["\u2066Hà Nội\u2069", "bidi"],
    ["Ba\u200BĐình", "zero_width"],
    ["\uFEFFTên", "zero_width"],
  ])("%j is refused as %s", (s, problem) => {
    expect(unsafeTextProblem(s)).toBe(problem);
  });
  it("lets Vietnamese with tone marks (composed or not), emoji, newlines and tabs through", () => {
    for (const s of ["Nguyễn Thị Ánh", "Nguyễn".normalize("NFD"), "Chúc mừng 🎉👍🏽", "dòng 1\ndòng 2\tcột", "Tổ dân phố 5 — xóm Đông"])
      expect(unsafeTextProblem(s)).toBeNull();
  });
});

describe("stripping", () => {
  it("removes the characters and keeps the rest, also a valid surrogate pair", () => {
    expect(stripUnsafeText("Xin\u0000 chào\u200B \ud83d\ude00 \ud800!")).toBe("Xin chào 😀 !");
  });
  it("cleans every string and key of an event, and returns the same object when nothing needed it", () => {
    const clean = { a: ["x", { b: "y" }], n: 1 };
    expect(stripUnsafeControls(clean)).toBe(clean);
    expect(stripUnsafeControls({ message: { text: "hi\u0000", list: ["\ud800ok"] }, "k\u0001": 2 })).toEqual({ message: { text: "hi", list: ["ok"] }, k: 2 });
  });
  it("in any text (not a name) an emoji joined with U+200D and a bidi mark are allowed; NUL never", () => {
    expect(unsafeTextProblem("Gia đình 👨\u200D👩\u200D👧", true)).toBeNull();
    expect(unsafeTextProblem("a\u0000", true)).toBe("control");
    expect(findUnsafeText({ text: "👨\u200D👩" })).toBeNull();
  });
  it("stripping only the controls keeps an emoji joined with U+200D", () => {
    expect(stripUnsafeControls({ text: "hi\u0000 👨\u200D👩" })).toEqual({ text: "hi 👨\u200D👩" });
  });
  it("finds where the first unclean string is", () => {
    expect(findUnsafeText({ events: [{ household: "ok" }, { household: "a\u0000" }] })).toEqual({ path: "events.1.household", problem: "control" });
    expect(findUnsafeText({ ok: "fine", n: 3 })).toBeNull();
  });
});
